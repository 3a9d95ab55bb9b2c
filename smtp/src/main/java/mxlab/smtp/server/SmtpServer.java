package mxlab.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import mxlab.core.spec.Limits;
import mxlab.net.ConnectionLimiter;
import mxlab.net.LineServer;
import mxlab.smtp.session.SmtpEnvironment;
import mxlab.smtp.session.SmtpMode;

/** One SMTP listener: port 25, 587 or 465, as its {@link SmtpMode} says. */
public final class SmtpServer implements AutoCloseable {
  /** Handler threads: sessions block on fsync, so more than cores. */
  private static final int THREADS = 64;

  private final SmtpMode mode;
  private final LineServer server;
  private final ConnectionLimiter limiter;

  private SmtpServer(SmtpMode mode, LineServer server, ConnectionLimiter limiter) {
    this.mode = mode;
    this.server = server;
    this.limiter = limiter;
  }

  public static SmtpServer start(SmtpMode mode, InetSocketAddress address, SmtpEnvironment env)
      throws IOException {
    if (mode.implicitTls() && env.tls() == null) {
      throw new IOException("submissions (implicit TLS) needs TLS material");
    }
    Limits limits = env.site().get().spec().server().limits();
    ConnectionLimiter limiter =
        new ConnectionLimiter(limits.connections(), limits.connectionsPerIp());
    LineServer server =
        LineServer.bind(
            mode.service().specName(),
            address,
            new SmtpHandler(env, mode),
            limiter,
            mode.implicitTls() ? env.tls().context() : null,
            THREADS);
    return new SmtpServer(mode, server, limiter);
  }

  public SmtpMode mode() {
    return mode;
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** New connection limits after a reload. */
  public void setLimits(Limits limits) {
    limiter.setLimits(limits.connections(), limits.connectionsPerIp());
  }

  /** Stops accepting; connections in flight finish (a reload moved the listener). */
  public void retire(java.time.Duration grace) {
    server.retire(grace);
  }

  @Override
  public void close() {
    server.close();
  }
}
