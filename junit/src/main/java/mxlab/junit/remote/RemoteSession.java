package mxlab.junit.remote;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** One SMTP connection to the capturing server (RFC 5321, the subset an MTA uses, and STARTTLS). */
final class RemoteSession {
  /** RFC 5321 4.5.3.1.6: text lines of 1000 octets with CRLF; a little slack for sloppy clients. */
  private static final int MAX_LINE = 4096;

  private final String hostname;
  private final SSLContext tls;
  private final FaultPlan faults;
  private final Consumer<Capture> sink;
  private final Consumer<String> transcript;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean secured;
  private String helo = "";
  private String mailFrom;
  private final List<String> rcptTo = new ArrayList<>();

  /** The connection ends: dropped by a fault, QUIT, or the client went away. */
  private static final class Closed extends Exception {
    private static final long serialVersionUID = 1L;
  }

  RemoteSession(
      Socket socket,
      String hostname,
      SSLContext tls,
      FaultPlan faults,
      Consumer<Capture> sink,
      Consumer<String> transcript) {
    this.socket = socket;
    this.hostname = hostname;
    this.tls = tls;
    this.faults = faults;
    this.sink = sink;
    this.transcript = transcript;
  }

  void run() {
    try {
      socket.setSoTimeout(60_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      if (!faulted(Stage.GREETING)) {
        reply("220 " + hostname + " ESMTP capturing remote");
      }
      while (true) {
        command(readLine());
      }
    } catch (Closed | IOException e) {
      // the session is over
    }
  }

  private void command(String line) throws IOException, Closed {
    String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
    String arg = line.length() > verb.length() ? line.substring(verb.length()).trim() : "";
    switch (verb) {
      case "EHLO" -> {
        if (!faulted(Stage.EHLO)) {
          helo = arg;
          resetTransaction();
          // what a modern MTA offers, so the lab's client uses its pipelined, 8-bit, UTF-8 paths
          List<String> lines =
              new ArrayList<>(
                  List.of(
                      hostname,
                      "PIPELINING",
                      "8BITMIME",
                      "SMTPUTF8",
                      "ENHANCEDSTATUSCODES",
                      "SIZE 104857600"));
          if (tls != null && !secured) {
            lines.add("STARTTLS");
          }
          for (int i = 0; i < lines.size(); i++) {
            reply("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
          }
        }
      }
      case "HELO" -> {
        if (!faulted(Stage.EHLO)) {
          helo = arg;
          resetTransaction();
          reply("250 " + hostname);
        }
      }
      case "STARTTLS" -> startTls();
      case "MAIL" -> {
        if (!faulted(Stage.MAIL)) {
          mailFrom = path(arg, "FROM:");
          rcptTo.clear();
          reply("250 2.1.0 Ok");
        }
      }
      case "RCPT" -> {
        if (mailFrom == null) {
          reply("503 5.5.1 MAIL first");
        } else if (!faulted(Stage.RCPT)) {
          rcptTo.add(path(arg, "TO:"));
          reply("250 2.1.5 Ok");
        }
      }
      case "DATA" -> data();
      case "RSET" -> {
        resetTransaction();
        reply("250 2.0.0 Ok");
      }
      case "NOOP" -> reply("250 2.0.0 Ok");
      case "QUIT" -> {
        reply("221 2.0.0 Bye");
        throw new Closed();
      }
      default -> reply("500 5.5.2 Unknown command");
    }
  }

  private void startTls() throws IOException, Closed {
    if (tls == null || secured) {
      reply("502 5.5.1 STARTTLS not offered");
      return;
    }
    if (faulted(Stage.STARTTLS)) {
      return;
    }
    reply("220 2.0.0 Ready to start TLS");
    SSLSocket ssl =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    ssl.setUseClientMode(false);
    ssl.startHandshake();
    socket = ssl;
    // a new reader: whatever came before the handshake is dropped (CVE-2011-0411)
    in = new BufferedInputStream(ssl.getInputStream());
    out = ssl.getOutputStream();
    secured = true;
    helo = "";
    resetTransaction(); // RFC 3207 4.2: the client starts over with EHLO
  }

  private void data() throws IOException, Closed {
    if (mailFrom == null || rcptTo.isEmpty()) {
      reply("503 5.5.1 No valid recipients");
      return;
    }
    if (faulted(Stage.DATA)) {
      return;
    }
    reply("354 End data with <CR><LF>.<CR><LF>");
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      byte[] line = readLineBytes(); // as sent: 8BITMIME text need not be UTF-8
      if (line.length == 1 && line[0] == '.') {
        break;
      }
      // RFC 5321 4.5.2: a leading dot was doubled by the client
      int from = line.length > 0 && line[0] == '.' ? 1 : 0;
      message.write(line, from, line.length - from);
      message.write('\r');
      message.write('\n');
    }
    if (faulted(Stage.MESSAGE)) {
      resetTransaction();
      return;
    }
    sink.accept(new Capture(helo, secured, mailFrom, rcptTo, message.toByteArray()));
    reply("250 2.0.0 Ok: captured");
    resetTransaction();
  }

  /** Applies the faults due at {@code stage}; true when one replaced the normal answer. */
  private boolean faulted(Stage stage) throws IOException, Closed {
    for (RemoteFault f : faults.strike(stage)) {
      switch (f.kind()) {
        case DELAY -> {
          transcript.accept("   (delay " + f.delay() + " at " + stage + ")");
          try {
            Thread.sleep(f.delay().toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Closed();
          }
        }
        case DROP -> {
          transcript.accept("   (connection dropped at " + stage + ")");
          throw new Closed();
        }
        case REPLY -> {
          reply(f.reply());
          if (stage == Stage.GREETING || f.reply().startsWith("421")) {
            throw new Closed(); // RFC 5321 3.8: 421 closes; so does a refused greeting, here
          }
          return true;
        }
      }
    }
    return false;
  }

  private void resetTransaction() {
    mailFrom = null;
    rcptTo.clear();
  }

  /** The address of "FROM:<a@b> SIZE=1", without brackets and parameters. */
  private static String path(String arg, String prefix) {
    String rest =
        arg.regionMatches(true, 0, prefix, 0, prefix.length())
            ? arg.substring(prefix.length()).trim()
            : arg;
    int end = rest.indexOf('>');
    if (rest.startsWith("<") && end > 0) {
      return rest.substring(1, end);
    }
    return rest.split(" ", 2)[0];
  }

  private void reply(String line) throws IOException {
    transcript.accept("S: " + line);
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String readLine() throws IOException, Closed {
    String line = readRawLine();
    transcript.accept("C: " + line);
    return line;
  }

  /** One line without its CRLF (a bare LF ends one too), as text; EOF ends the session. */
  private String readRawLine() throws IOException, Closed {
    return new String(readLineBytes(), StandardCharsets.UTF_8);
  }

  /** One line without its CRLF (a bare LF ends one too), as bytes; EOF ends the session. */
  private byte[] readLineBytes() throws IOException, Closed {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new Closed();
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r'
            ? Arrays.copyOf(bytes, bytes.length - 1)
            : bytes;
      }
      if (line.size() >= MAX_LINE) {
        reply("500 5.5.2 Line too long");
        throw new Closed();
      }
      line.write(b);
    }
  }
}
