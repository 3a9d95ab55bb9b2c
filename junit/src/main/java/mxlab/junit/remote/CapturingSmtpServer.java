package mxlab.junit.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The "rest of the internet" of a lab: an SMTP server on a free loopback port that accepts mail for
 * any domain and keeps it, so a test can see what its lab relayed. Faults make it behave like a
 * difficult remote site (4xx, 5xx, delays, dropped connections, no STARTTLS).
 */
public final class CapturingSmtpServer implements AutoCloseable {
  private final ServerSocket listener;
  private final String hostname;
  private final SSLContext tls;
  private final FaultPlan faults = new FaultPlan();
  private final List<Capture> captured = new CopyOnWriteArrayList<>();
  private final List<String> transcript = new CopyOnWriteArrayList<>();

  /** Each session's socket and thread, so closing the server ends sessions a delay holds too. */
  private final Map<Socket, Thread> open = new ConcurrentHashMap<>();

  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean offerTls = true;
  private final Thread acceptor;

  private CapturingSmtpServer(ServerSocket listener, String hostname, SSLContext tls) {
    this.listener = listener;
    this.hostname = hostname;
    this.tls = tls;
    this.acceptor = new Thread(this::acceptLoop, "remote-smtp-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Listens on a free port of 127.0.0.1.
   *
   * @param tls the server side of STARTTLS
   */
  public static CapturingSmtpServer start(String hostname, SSLContext tls) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    CapturingSmtpServer server = new CapturingSmtpServer(socket, hostname, tls);
    server.acceptor.start();
    return server;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  public void inject(RemoteFault fault) {
    faults.add(fault);
  }

  public void clearFaults() {
    faults.clear();
  }

  public List<RemoteFault> faults() {
    return faults.pending();
  }

  /** Whether EHLO offers STARTTLS (false: a remote site without TLS). */
  public void offerTls(boolean offer) {
    offerTls = offer;
  }

  public List<Capture> captured() {
    return List.copyOf(captured);
  }

  /** Every line of every session so far, "C: " and "S: " prefixed, for failure messages. */
  public List<String> transcript() {
    return List.copyOf(transcript);
  }

  public int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      int n = connections.incrementAndGet();
      RemoteSession session =
          new RemoteSession(
              s, hostname, offerTls ? tls : null, faults, captured::add, transcript::add);
      Thread t =
          new Thread(
              () -> {
                try {
                  session.run();
                } finally {
                  open.remove(s);
                  closeQuietly(s);
                }
              },
              "remote-smtp-" + n);
      t.setDaemon(true);
      open.put(s, t);
      t.start();
      if (listener.isClosed()) { // close() ran between accept and put
        closeQuietly(s);
        t.interrupt();
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (SocketException ignored) {
      // already closed
    } catch (IOException ignored) {
      // nothing to do
    }
    open.forEach(
        (socket, session) -> {
          closeQuietly(socket);
          session.interrupt();
        });
  }
}
