package mxlab.examples;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP client on a plain socket that keeps every response line as the server sent it, its
 * literals inline ("{5}\r\nhello"), octets as ISO-8859-1 chars so that nothing is re-encoded.
 */
final class ImapDialog implements AutoCloseable {
  private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\}$");

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String greeting;
  private int tags;
  private String idling;

  private ImapDialog(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.greeting = readResponse();
  }

  static ImapDialog connect(String host, int port) throws IOException {
    return new ImapDialog(new Socket(host, port));
  }

  String greeting() {
    return greeting;
  }

  /** Sends "TAG COMMAND" with a fresh tag; returns every response up to the tagged one. */
  List<String> command(String command) throws IOException {
    return command(nextTag(), command);
  }

  List<String> command(String tag, String command) throws IOException {
    send(tag + " " + command);
    return readUntil(tag);
  }

  /**
   * "TAG HEAD {n}", and after the server's "+" the n octets of LITERAL, then TAIL (a command may go
   * on after its literal); returns the responses, or the refusal of the literal.
   */
  List<String> withLiteral(String head, byte[] literal, String tail) throws IOException {
    String tag = nextTag();
    send(tag + " " + head + " {" + literal.length + "}");
    List<String> responses = new ArrayList<>();
    String line;
    while (!(line = readResponse()).startsWith("+")) {
      responses.add(line);
      if (line.startsWith(tag + " ")) {
        return responses;
      }
    }
    out.write(literal);
    send(tail);
    responses.addAll(readUntil(tag));
    return responses;
  }

  /** "TAG LINE" with the literal non-synchronizing ("{n+}", RFC 7888): no wait for "+". */
  List<String> withLiteralPlus(String head, byte[] literal, String tail) throws IOException {
    String tag = nextTag();
    send(tag + " " + head + " {" + literal.length + "+}");
    out.write(literal);
    send(tail);
    return readUntil(tag);
  }

  /** IDLE (RFC 2177): the responses up to the server's "+", which is the last. */
  List<String> idle() throws IOException {
    idling = nextTag();
    send(idling + " IDLE");
    List<String> responses = new ArrayList<>();
    String line;
    do {
      line = readResponse();
      responses.add(line);
    } while (!line.startsWith("+") && !line.startsWith(idling + " "));
    return responses;
  }

  /**
   * What the server pushes during IDLE within SECONDS (until it has said something and then kept
   * quiet for a moment), then DONE and IDLE's tagged end.
   */
  List<String> done(int seconds) throws IOException, InterruptedException {
    List<String> responses = new ArrayList<>();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (in.available() > 0) {
        responses.add(readResponse());
        deadline = Math.min(deadline, System.nanoTime() + 300_000_000L);
      } else {
        Thread.sleep(20);
      }
    }
    send("DONE");
    responses.addAll(readUntil(idling));
    return responses;
  }

  /** The last of RESPONSES, which is the tagged one. */
  static String tagged(List<String> responses) {
    return responses.get(responses.size() - 1);
  }

  private String nextTag() {
    return "t" + ++tags;
  }

  private void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private List<String> readUntil(String tag) throws IOException {
    List<String> responses = new ArrayList<>();
    String line;
    do {
      line = readResponse();
      responses.add(line);
    } while (!line.startsWith(tag + " "));
    return responses;
  }

  /** One response: a line, and where it ends in a literal, the literal and the rest. */
  String readResponse() throws IOException {
    StringBuilder response = new StringBuilder();
    while (true) {
      String line = readLine();
      response.append(line);
      Matcher m = LITERAL_AT_END.matcher(line);
      if (!m.find()) {
        return response.toString();
      }
      byte[] literal = in.readNBytes(Integer.parseInt(m.group(1)));
      response.append("\r\n").append(new String(literal, StandardCharsets.ISO_8859_1));
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("connection closed after: " + line);
      }
      line.write(c);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
