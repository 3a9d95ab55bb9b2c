import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A POP3 load generator for bench/pop3.sh, run as a single-file program:
 *
 * <pre>java bench/Pop3Load.java HOST PORT THREADS SECONDS MODE USER_PREFIX PASSWORD</pre>
 *
 * Thread i logs in as USER_PREFIX + i (one mailbox per thread: POP3 allows one session per
 * maildrop). MODE "read": USER, PASS, STAT, UIDL, RETR of every message, QUIT, again and again.
 * MODE "login": USER, PASS, QUIT. Prints "sessions messages bytes seconds".
 */
public class Pop3Load {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    boolean read = args[4].equals("read");
    String prefix = args[5];
    String password = args[6];
    AtomicLong sessions = new AtomicLong();
    AtomicLong messages = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String user = prefix + t;
      Thread th =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    session(host, port, user, password, read, messages, bytes);
                    sessions.incrementAndGet();
                  } catch (IOException e) {
                    System.err.println("pop3 load: " + e);
                    return;
                  }
                }
              });
      th.start();
      all.add(th);
    }
    for (Thread th : all) {
      th.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d %d %d %.3f%n", sessions.get(), messages.get(), bytes.get(), elapsed);
  }

  private static void session(
      String host, int port, String user, String password, boolean read, AtomicLong messages,
      AtomicLong bytes)
      throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(30_000);
      s.setTcpNoDelay(true);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1), 65536);
      OutputStream out = s.getOutputStream();
      ok(in);
      command(out, in, "USER " + user);
      command(out, in, "PASS " + password);
      if (read) {
        String stat = command(out, in, "STAT");
        int count = Integer.parseInt(stat.split(" ")[1]);
        command(out, in, "UIDL");
        while (!in.readLine().equals(".")) {
          // the listing
        }
        for (int i = 1; i <= count; i++) {
          command(out, in, "RETR " + i);
          String line;
          long size = 0;
          while (!(line = in.readLine()).equals(".")) {
            size += line.length() + 2;
          }
          messages.incrementAndGet();
          bytes.addAndGet(size);
        }
      }
      command(out, in, "QUIT");
    }
  }

  private static String command(OutputStream out, BufferedReader in, String line)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return ok(in);
  }

  private static String ok(BufferedReader in) throws IOException {
    String reply = in.readLine();
    if (reply == null || !reply.startsWith("+OK")) {
      throw new IOException("expected +OK, got " + reply);
    }
    return reply;
  }
}
