package mxlab.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import mxlab.core.spec.Limits;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * A listening socket for a line protocol on Apache MINA. The filter chain is: connection limits,
 * TLS when implicit, {@link SessionEvents}, then an ordered thread pool, so handlers may block on
 * disk (fsync) without stalling other connections while each session's events stay in order.
 */
public final class LineServer implements AutoCloseable {
  private final NioSocketAcceptor acceptor;
  private final OrderedThreadPoolExecutor executor;
  private final ConnectionLimiter limiter;

  private LineServer(
      NioSocketAcceptor acceptor, OrderedThreadPoolExecutor executor, ConnectionLimiter limiter) {
    this.acceptor = acceptor;
    this.executor = executor;
    this.limiter = limiter;
  }

  /**
   * Binds {@code address} (port 0: a free one).
   *
   * @param limits the spec's connections in total and per client address
   * @param implicitTls TLS from the first byte (ports 465, 995), or null
   * @param threads most handler threads at once
   */
  public static LineServer bind(
      String name,
      InetSocketAddress address,
      IoHandler handler,
      Limits limits,
      SSLContext implicitTls,
      int threads)
      throws IOException {
    NioSocketAcceptor acceptor =
        new NioSocketAcceptor(Math.max(1, Runtime.getRuntime().availableProcessors()));
    acceptor.setReuseAddress(true);
    acceptor.setBacklog(256);
    acceptor.setCloseOnDeactivation(false); // a reload may move the port; sessions finish

    acceptor.getSessionConfig().setTcpNoDelay(true);
    acceptor.getSessionConfig().setReadBufferSize(16 * 1024);
    ConnectionLimiter limiter =
        new ConnectionLimiter(limits.connections(), limits.connectionsPerIp());
    acceptor.getFilterChain().addLast("limit", limiter);
    if (implicitTls != null) {
      acceptor.getFilterChain().addLast(Tls.FILTER, Tls.filter(implicitTls));
    }
    acceptor.getFilterChain().addLast(SessionEvents.NAME, new SessionEvents());
    OrderedThreadPoolExecutor executor =
        new OrderedThreadPoolExecutor(0, threads, 60, TimeUnit.SECONDS, threadFactory(name));
    acceptor.getFilterChain().addLast("exec", new ExecutorFilter(executor));
    acceptor.setHandler(handler);
    try {
      acceptor.bind(address);
    } catch (IOException | RuntimeException e) {
      acceptor.dispose(false);
      executor.shutdownNow();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    return new LineServer(acceptor, executor, limiter);
  }

  private static ThreadFactory threadFactory(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) acceptor.getLocalAddress();
  }

  /** New connection limits after a reload; connections already open stay. */
  public void setLimits(Limits limits) {
    limiter.setLimits(limits.connections(), limits.connectionsPerIp());
  }

  public int sessions() {
    return acceptor.getManagedSessionCount();
  }

  /**
   * Stops accepting but lets connections in flight finish (a reload moved the listener); the
   * resources go once the last one is done, or after {@code grace}.
   */
  public void retire(java.time.Duration grace) {
    acceptor.unbind();
    Thread waiter =
        new Thread(
            () -> {
              long deadline = System.nanoTime() + grace.toNanos();
              while (acceptor.getManagedSessionCount() > 0 && System.nanoTime() < deadline) {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  break;
                }
              }
              close();
            },
            "retire-" + address());
    waiter.setDaemon(true);
    waiter.start();
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    acceptor.unbind();
    acceptor.dispose(false);
    executor.shutdown();
  }
}
