import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Times one large folder for bench/imap-scale.sh, as a single-file program:
 *
 * <pre>java ImapScale HOST PORT USER PASSWORD EXPECTED</pre>
 *
 * One session: LOGIN, then SELECT INBOX (until its tagged OK) and {@code FETCH 1:* (FLAGS)} (until
 * its tagged OK, counting the FETCH lines). Prints "select_ms fetch_ms fetched"; exits 1 if SELECT
 * did not report EXPECTED messages, FETCH answered another number, or a reply was not OK.
 */
public class ImapScale {
  public static void main(String[] args) throws Exception {
    int expected = Integer.parseInt(args[4]);
    try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
      socket.setSoTimeout(300_000);
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      OutputStream out = socket.getOutputStream();
      readLine(in);
      command(in, out, "a LOGIN " + args[2] + " " + args[3], null);
      long t0 = System.nanoTime();
      int[] exists = {-1};
      command(in, out, "b SELECT INBOX", line -> {
        if (line.endsWith(" EXISTS")) {
          exists[0] = Integer.parseInt(line.split(" ")[1]);
        }
      });
      long t1 = System.nanoTime();
      int[] fetched = {0};
      command(in, out, "c FETCH 1:* (FLAGS)", line -> {
        if (line.contains(" FETCH (")) {
          fetched[0]++;
        }
      });
      long t2 = System.nanoTime();
      command(in, out, "d LOGOUT", null);
      System.out.printf("%.1f %.1f %d%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, fetched[0]);
      if (exists[0] != expected || fetched[0] != expected) {
        System.err.println("imap scale: EXISTS " + exists[0] + ", FETCH " + fetched[0] + ", expected " + expected);
        System.exit(1);
      }
    }
  }

  private static void command(InputStream in, OutputStream out, String command, java.util.function.Consumer<String> untagged)
      throws IOException {
    String tag = command.substring(0, command.indexOf(' '));
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String line;
    while (!(line = readLine(in)).startsWith(tag + " ")) {
      if (untagged != null) {
        untagged.accept(line);
      }
    }
    if (!line.startsWith(tag + " OK")) {
      throw new IOException(command + ": " + line);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
