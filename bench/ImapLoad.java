import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP load generator for bench/imap.sh, run as a single-file program:
 *
 * <pre>java bench/ImapLoad.java HOST PORT THREADS SECONDS MODE USER_PREFIX PASSWORD</pre>
 *
 * Thread i logs in as USER_PREFIX + i. MODE "login": LOGIN, SELECT INBOX, LOGOUT, again and
 * again. MODE "fetch": one session per thread, {@code FETCH 1:* BODY.PEEK[]} of the whole INBOX
 * again and again. MODE "mixed": one session per thread in its own INBOX, each round an APPEND
 * of a 1 KB message, {@code UID SEARCH UNSEEN}, {@code STORE +FLAGS (\Seen)} on the newest
 * message, and once the mailbox holds more than 30, {@code STORE 1 +FLAGS (\Deleted)} and
 * EXPUNGE, so it stays the same size. Any tagged NO or BAD, an unexpected BYE, a reply that does
 * not parse or a FETCH that misses messages counts as an error; after one the session starts
 * over. Prints "sessions messages bytes operations errors seconds".
 */
public class ImapLoad {
  private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");
  private static final Pattern COUNT = Pattern.compile("^\\* (\\d+) (EXISTS|EXPUNGE)\\b");
  private static final Pattern FETCH = Pattern.compile("^\\* \\d+ FETCH \\(.*BODY\\[\\] \\{\\d+\\}$");
  private static final int KEEP = 30;
  private static final byte[] MESSAGE = message();

  private final AtomicLong sessions = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong operations = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    String mode = args[4];
    String prefix = args[5];
    String password = args[6];
    ImapLoad load = new ImapLoad();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String user = prefix + t;
      Thread th = new Thread(() -> load.client(host, port, user, password, mode, end));
      th.start();
      all.add(th);
    }
    for (Thread th : all) {
      th.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%d %d %d %d %d %.3f%n",
        load.sessions.get(),
        load.messages.get(),
        load.bytes.get(),
        load.operations.get(),
        load.errors.get(),
        elapsed);
  }

  private void client(String host, int port, String user, String password, String mode, long end) {
    while (System.nanoTime() < end) {
      try (Session s = new Session(host, port)) {
        s.greeting();
        s.command("LOGIN " + user + " " + password);
        s.command("SELECT INBOX");
        switch (mode) {
          case "login" -> {}
          case "fetch" -> fetch(s, end);
          case "mixed" -> mixed(s, end);
          default -> throw new IllegalArgumentException("mode " + mode);
        }
        s.logout();
        sessions.incrementAndGet();
      } catch (ProtocolError e) {
        if (errors.incrementAndGet() <= 10) {
          System.err.println("imap load " + user + ": " + e.getMessage());
        }
      } catch (IOException e) {
        errors.incrementAndGet();
        System.err.println("imap load " + user + ": " + e);
        return;
      }
    }
  }

  private void fetch(Session s, long end) throws IOException {
    while (System.nanoTime() < end) {
      int expected = s.exists;
      long before = s.literalBytes;
      int fetched = s.command("FETCH 1:* BODY.PEEK[]");
      if (fetched != expected) {
        throw new ProtocolError("FETCH 1:* returned " + fetched + " of " + expected + " messages");
      }
      messages.addAndGet(fetched);
      bytes.addAndGet(s.literalBytes - before);
    }
  }

  private void mixed(Session s, long end) throws IOException {
    while (System.nanoTime() < end) {
      s.append("INBOX", "(\\Draft)", MESSAGE);
      s.command("UID SEARCH UNSEEN");
      if (s.exists < 1) {
        throw new ProtocolError("no EXISTS after APPEND and UID SEARCH");
      }
      s.command("STORE " + s.exists + " +FLAGS (\\Seen)");
      operations.addAndGet(3);
      if (s.exists > KEEP) {
        s.command("STORE 1 +FLAGS (\\Deleted)");
        s.command("EXPUNGE");
        operations.addAndGet(2);
      }
    }
  }

  /** One IMAP connection: tagged commands, untagged replies with literals, EXISTS tracking. */
  private static final class Session implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;
    int exists;
    long literalBytes;

    Session(String host, int port) throws IOException {
      socket = new Socket(host, port);
      socket.setSoTimeout(30_000);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream(), 65536);
      out = socket.getOutputStream();
    }

    void greeting() throws IOException {
      String line = readLine();
      if (!line.startsWith("* OK")) {
        throw new ProtocolError("greeting: " + line);
      }
    }

    /** Sends one command, reads to its tagged reply; returns how many FETCH literals came. */
    int command(String command) throws IOException {
      String t = send(command);
      return replies(t, command, false);
    }

    void append(String mailbox, String flags, byte[] message) throws IOException {
      String command = "APPEND " + mailbox + " " + flags + " {" + message.length + "}";
      String t = send(command);
      String line = readLine();
      if (!line.startsWith("+")) {
        throw new ProtocolError(command + ": expected a continuation, got " + line);
      }
      out.write(message);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      replies(t, command, false);
    }

    void logout() throws IOException {
      String t = send("LOGOUT");
      replies(t, "LOGOUT", true);
    }

    private String send(String command) throws IOException {
      String t = "a" + ++tag;
      out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return t;
    }

    private int replies(String t, String command, boolean logout) throws IOException {
      int fetched = 0;
      boolean bye = false;
      while (true) {
        String line = readLine();
        if (line.startsWith(t + " ")) {
          if (!line.startsWith(t + " OK")) {
            throw new ProtocolError(command + ": " + line);
          }
          if (logout && !bye) {
            throw new ProtocolError("LOGOUT without BYE");
          }
          return fetched;
        }
        if (!line.startsWith("* ")) {
          throw new ProtocolError(command + ": unexpected " + line);
        }
        if (line.startsWith("* BYE")) {
          if (!logout) {
            throw new ProtocolError(command + ": " + line);
          }
          bye = true;
        }
        if (line.startsWith("* NO") || line.startsWith("* BAD")) {
          throw new ProtocolError(command + ": " + line);
        }
        Matcher count = COUNT.matcher(line);
        if (count.find()) {
          if (count.group(2).equals("EXISTS")) {
            exists = Integer.parseInt(count.group(1));
          } else {
            exists--;
          }
        }
        boolean body = FETCH.matcher(line).find();
        // A reply line may carry literals, each followed by the rest of the line.
        String rest = line;
        Matcher literal;
        while ((literal = LITERAL.matcher(rest)).find()) {
          int size = Integer.parseInt(literal.group(1));
          skip(size);
          literalBytes += size;
          rest = readLine();
        }
        if (body) {
          if (!rest.endsWith(")")) {
            throw new ProtocolError(command + ": FETCH reply ends with " + rest);
          }
          fetched++;
        }
      }
    }

    private void skip(int size) throws IOException {
      byte[] buffer = new byte[8192];
      int left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, Math.min(left, buffer.length));
        if (n < 0) {
          throw new EOFException("connection closed inside a literal");
        }
        left -= n;
      }
    }

    private String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(128);
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new EOFException("connection closed after " + line.toString(StandardCharsets.ISO_8859_1));
        }
        line.write(c);
      }
      byte[] b = line.toByteArray();
      int n = b.length;
      if (n == 0 || b[n - 1] != '\r') {
        throw new ProtocolError("line without CRLF: " + new String(b, StandardCharsets.ISO_8859_1));
      }
      return new String(b, 0, n - 1, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final class ProtocolError extends IOException {
    ProtocolError(String message) {
      super(message);
    }
  }

  /** Exactly 1024 octets with CRLF line ends. */
  private static byte[] message() {
    StringBuilder m = new StringBuilder();
    m.append("From: load@example.org\r\nTo: bench@bench.lab\r\nSubject: mixed load\r\n\r\n");
    int left = 1024 - m.length();
    while (left > 72 + 2) {
      m.append("y".repeat(70)).append("\r\n");
      left -= 72;
    }
    m.append("y".repeat(left - 2)).append("\r\n");
    return m.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
