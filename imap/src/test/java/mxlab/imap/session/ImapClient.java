package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import mxlab.imap.command.ImapCommands;
import mxlab.imap.parse.CommandAssembler;

/**
 * One client session driven through a {@link FakeConnection}: octets go through the real {@link
 * CommandAssembler}; {@link #script} plays "C:" lines and checks "S:" lines ("*" matches anything).
 */
final class ImapClient {
  final FakeConnection connection;
  final ImapSession session;
  private final CommandAssembler assembler;
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  ImapClient(ImapFixture fixture, FakeConnection connection) {
    this.connection = connection;
    this.session = new ImapSession(connection, fixture.env, ImapCommands.standard());
    this.assembler =
        new CommandAssembler(new CommandAssembler.Limits(64 * 1024, fixture.env.maxMessageSize()));
    session.open();
  }

  /** Sends octets as a client would (a line needs its CRLF). */
  void send(String octets) {
    send(octets.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] octets) {
    connection.runQueued(); // as an event loop would: what happened before comes first
    for (CommandAssembler.Event e : assembler.feed(octets)) {
      if (e instanceof CommandAssembler.Complete c) {
        session.command(c.command());
      } else if (e instanceof CommandAssembler.GoAhead) {
        session.goAhead();
      } else if (e instanceof CommandAssembler.Dropped d) {
        session.dropped(d.tag(), d.reason());
      }
      connection.runQueued();
    }
    connection.runQueued();
  }

  /** The next line the server sent, waiting a little for queued work (a delayed answer). */
  String readLine() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 3000;
    while (lines.isEmpty()) {
      split();
      if (!lines.isEmpty()) {
        break;
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0 || !connection.runNext(left)) {
        fail("no answer from the server");
      }
    }
    return lines.poll();
  }

  /** Lines sent and not yet read. */
  List<String> pending() {
    connection.runQueued();
    split();
    List<String> out = new ArrayList<>(lines);
    lines.clear();
    return out;
  }

  private void split() {
    byte[] b = connection.take();
    partial.write(b, 0, b.length);
    String all = partial.toString(StandardCharsets.UTF_8);
    int end;
    while ((end = all.indexOf("\r\n")) >= 0) {
      lines.add(all.substring(0, end));
      all = all.substring(end + 2);
    }
    partial.reset();
    byte[] rest = all.getBytes(StandardCharsets.UTF_8);
    partial.write(rest, 0, rest.length);
  }

  /**
   * Plays a dialogue: "C: line" is sent with CRLF, "S: pattern" must be the next line ("*" matches
   * any text). Once every line is checked, nothing else may have been sent.
   */
  void script(String script) throws InterruptedException {
    for (String line : script.split("\n")) {
      if (line.startsWith("C: ")) {
        send(line.substring(3) + "\r\n");
      } else if (line.startsWith("S: ") || line.equals("S:")) {
        String expected = line.substring(Math.min(3, line.length())); // "S:" is an empty line
        String got = readLine();
        if (!matches(expected, got)) {
          fail("expected " + expected + "\n but got " + got + "\n then " + pending());
        }
      } else if (!line.isBlank()) {
        throw new IllegalArgumentException("not a script line: " + line);
      }
    }
    assertThat(pending()).as("unexpected responses").isEmpty();
  }

  static boolean matches(String pattern, String line) {
    StringBuilder re = new StringBuilder();
    for (String piece : pattern.split("\\*", -1)) {
      if (re.length() > 0) {
        re.append(".*");
      }
      re.append(Pattern.quote(piece));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(line).matches();
  }
}
