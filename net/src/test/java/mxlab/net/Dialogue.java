package mxlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A client for dialogue tests, in the style of chasquid's .cmy scripts: {@code C:} lines are sent,
 * {@code S:} lines must come back, exactly or as a glob with {@code *}.
 */
public final class Dialogue implements AutoCloseable {
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  private Dialogue(Socket socket) throws IOException {
    use(socket);
  }

  public static Dialogue connect(InetSocketAddress address) throws IOException {
    Socket s = new Socket();
    s.connect(address, 2000);
    s.setSoTimeout(5000);
    return new Dialogue(s);
  }

  /** Connects from a given loopback address, to look like another client. */
  public static Dialogue connectFrom(InetSocketAddress address, String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(address, 2000);
    s.setSoTimeout(5000);
    return new Dialogue(s);
  }

  public static Dialogue connectTls(InetSocketAddress address) throws IOException {
    Socket s = trustAll().getSocketFactory().createSocket(address.getAddress(), address.getPort());
    s.setSoTimeout(5000);
    ((SSLSocket) s).startHandshake();
    return new Dialogue(s);
  }

  private void use(Socket s) throws IOException {
    socket = s;
    in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    out = s.getOutputStream();
  }

  /** How long a read may wait for the server (5 s unless said). */
  public Dialogue patience(java.time.Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    return this;
  }

  /** Runs a script of "C: ..." and "S: ..." lines. */
  public Dialogue script(String script) throws IOException {
    for (String raw : script.strip().split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.equals("C:")) {
        send("");
      } else if (line.startsWith("C: ")) {
        send(line.substring(3));
      } else if (line.startsWith("S: ")) {
        expect(line.substring(3));
      } else {
        throw new IllegalArgumentException("script lines start with C: or S:, not: " + line);
      }
    }
    return this;
  }

  public Dialogue send(String line) throws IOException {
    return raw(line + "\r\n");
  }

  public Dialogue raw(String bytes) throws IOException {
    out.write(bytes.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  /** Reads one line and checks it against {@code pattern} (a glob: * matches anything). */
  public String expect(String pattern) throws IOException {
    String line = in.readLine();
    assertThat(line).as("server line, expected %s", pattern).isNotNull();
    assertThat(line).matches(glob(pattern));
    return line;
  }

  /** Reads the lines of one reply, multi-line or not, and returns the last. */
  public String reply() throws IOException {
    String line;
    do {
      line = in.readLine();
      assertThat(line).as("a reply").isNotNull();
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }

  /** The lines of a POP3 multi-line body, up to the terminating dot, still dot-stuffed. */
  public java.util.List<String> multiline() throws IOException {
    java.util.List<String> lines = new java.util.ArrayList<>();
    String line;
    while (!(line = in.readLine()).equals(".")) {
      lines.add(line);
    }
    return lines;
  }

  /** Whether the server has closed the connection (reads EOF). */
  public boolean closedByServer() throws IOException {
    try {
      return in.readLine() == null;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  /** STARTTLS done: switches this dialogue to TLS over the same connection. */
  public Dialogue upgrade() throws IOException {
    SSLSocket tls =
        (SSLSocket)
            trustAll()
                .getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    use(tls);
    return this;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  public static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      TrustManager[] all = {
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String type) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String type) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        }
      };
      ctx.init(null, all, new SecureRandom());
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
