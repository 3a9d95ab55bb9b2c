package mxlab.dns.server;

import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mxlab.core.limits.ClientSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authoritative DNS server: UDP served by a few threads blocking on one channel, TCP by a
 * bounded pool (RFC 7766), both reading the current {@link Authority}. No thread per packet.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  /** TCP connections served at once; more are closed at accept (RFC 7766 6.2.2). */
  private static final int MAX_TCP_CONNECTIONS = 64;

  /**
   * How slow TCP clients may be: each query must arrive whole within {@code queryDeadline} of the
   * accept or of the previous answer, however it is dribbled (BIND's tcp-initial-timeout; RFC 7766
   * 6.2.3 suggests seconds), and one client holds at most {@code perClient} connections.
   */
  public record TcpLimits(Duration queryDeadline, int perClient) {
    public static TcpLimits defaults() {
      return new TcpLimits(Duration.ofSeconds(5), MAX_TCP_CONNECTIONS / 8);
    }
  }

  private volatile Authority authority;
  private final DatagramChannel udp;
  private final ServerSocket tcp;
  private final List<Thread> threads = new ArrayList<>();
  private final ExecutorService tcpWorkers;
  private final TcpLimits tcpLimits;
  private final ClientSlots tcpClients = new ClientSlots();
  private volatile boolean running = true;

  private DnsServer(
      Authority authority, DatagramChannel udp, ServerSocket tcp, TcpLimits tcpLimits) {
    this.authority = authority;
    this.udp = udp;
    this.tcp = tcp;
    this.tcpLimits = tcpLimits;
    AtomicInteger n = new AtomicInteger();
    this.tcpWorkers =
        new ThreadPoolExecutor(
            0,
            MAX_TCP_CONNECTIONS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> daemon(r, "dns-tcp-" + n.incrementAndGet()));
  }

  /**
   * Binds UDP and TCP on the same address and port (port 0: a free one) and starts serving.
   *
   * @throws IOException if either cannot be bound; nothing is left open then
   */
  public static DnsServer start(InetSocketAddress address, Authority authority, int udpThreads)
      throws IOException {
    return start(address, authority, udpThreads, TcpLimits.defaults());
  }

  /** As {@link #start(InetSocketAddress, Authority, int)}, with given limits for TCP clients. */
  public static DnsServer start(
      InetSocketAddress address, Authority authority, int udpThreads, TcpLimits tcpLimits)
      throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      DatagramChannel udp =
          DatagramChannel.open(
              address.getAddress() instanceof java.net.Inet6Address
                  ? StandardProtocolFamily.INET6
                  : StandardProtocolFamily.INET);
      ServerSocket tcp = null;
      try {
        udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        udp.bind(address);
        int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
        tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(address.getAddress(), port), 128);
        DnsServer server = new DnsServer(authority, udp, tcp, tcpLimits);
        server.startThreads(udpThreads);
        return server;
      } catch (IOException e) {
        udp.close();
        if (tcp != null) {
          tcp.close();
        }
        last = e;
        if (address.getPort() != 0) {
          break; // a fixed port that is taken will stay taken
        }
      }
    }
    throw last;
  }

  private void startThreads(int udpThreads) {
    for (int i = 0; i < Math.max(1, udpThreads); i++) {
      threads.add(daemon(this::serveUdp, "dns-udp-" + i));
    }
    threads.add(daemon(this::acceptTcp, "dns-tcp-accept"));
    threads.forEach(Thread::start);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) udp.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Swaps in new zones; queries in flight finish on the old ones. */
  public void update(Authority next) {
    this.authority = next;
  }

  public Authority authority() {
    return authority;
  }

  private void serveUdp() {
    Responder responder = new Responder();
    ByteBuffer inBuf = ByteBuffer.allocate(65535);
    byte[] out = new byte[65535];
    ByteBuffer outBuf = ByteBuffer.wrap(out);
    byte[] in = inBuf.array();
    while (running) {
      try {
        inBuf.clear();
        java.net.SocketAddress client = udp.receive(inBuf);
        int length = responder.respond(authority, in, inBuf.position(), out, true);
        if (length > 0) {
          outBuf.clear().limit(length);
          udp.send(outBuf, client);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // One bad packet or a send error must not stop the server.
        log.debug("dns: udp query failed: {}", e.toString());
      }
    }
  }

  private void acceptTcp() {
    while (running) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (!running) {
          return;
        }
        log.debug("dns: accept failed: {}", e.toString());
        continue;
      }
      InetAddress client = socket.getInetAddress();
      if (!tcpClients.tryTake(client, tcpLimits.perClient())) {
        closeQuietly(socket); // this client holds its share already
        continue;
      }
      try {
        tcpWorkers.execute(
            () -> {
              try {
                serveTcp(socket);
              } finally {
                tcpClients.give(client);
              }
            });
      } catch (RejectedExecutionException e) {
        tcpClients.give(client);
        closeQuietly(socket); // at the connection limit
      }
    }
  }

  private void serveTcp(Socket socket) {
    Responder responder = new Responder();
    byte[] in = new byte[65535];
    byte[] out = new byte[65535];
    InetAddress client = socket.getInetAddress();
    byte[] prefix = new byte[2];
    try (socket;
        InputStream input = socket.getInputStream();
        DataOutputStream output = new DataOutputStream(socket.getOutputStream())) {
      socket.setTcpNoDelay(true);
      while (running) {
        long deadline = System.nanoTime() + tcpLimits.queryDeadline().toNanos();
        readFully(socket, input, prefix, 2, deadline); // RFC 1035 4.2.2: two-octet length prefix
        int length = ((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff);
        readFully(socket, input, in, length, deadline);
        Authority current = authority;
        int answer = responder.respond(current, in, length, out, false);
        if (answer == Responder.TRANSFER) {
          for (byte[] message : responder.transfer(current, in, length, client)) {
            output.writeShort(message.length);
            output.write(message);
          }
        } else if (answer > 0) {
          output.writeShort(answer);
          output.write(out, 0, answer);
        }
        output.flush();
      }
    } catch (EOFException | SocketTimeoutException | SocketException e) {
      // the client is done or gone
    } catch (IOException | RuntimeException e) {
      log.debug("dns: tcp connection from {} failed: {}", client, e.toString());
    }
  }

  /** Reads {@code length} octets by {@code deadline} (System.nanoTime), however they trickle in. */
  private static void readFully(
      Socket socket, InputStream input, byte[] buf, int length, long deadline) throws IOException {
    for (int done = 0; done < length; ) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new SocketTimeoutException("no whole query in time");
      }
      socket.setSoTimeout((int) left);
      int n = input.read(buf, done, length - done);
      if (n < 0) {
        throw new EOFException();
      }
      done += n;
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      udp.close();
      tcp.close();
    } catch (IOException e) {
      log.debug("dns: close: {}", e.toString());
    }
    tcpWorkers.shutdownNow();
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
