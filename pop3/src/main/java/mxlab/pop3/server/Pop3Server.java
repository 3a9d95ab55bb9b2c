package mxlab.pop3.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import mxlab.core.spec.Limits;
import mxlab.net.ConnectionLimiter;
import mxlab.net.LineServer;
import mxlab.pop3.session.Pop3Environment;

/** A POP3 listener: port 110 (STLS available) or 995 (implicit TLS). */
public final class Pop3Server implements AutoCloseable {
  private static final int THREADS = 32;

  private final LineServer server;
  private final ConnectionLimiter limiter;

  private Pop3Server(LineServer server, ConnectionLimiter limiter) {
    this.server = server;
    this.limiter = limiter;
  }

  public static Pop3Server start(
      InetSocketAddress address, Pop3Environment env, boolean implicitTls) throws IOException {
    if (implicitTls && env.tls() == null) {
      throw new IOException("pop3s (implicit TLS) needs TLS material");
    }
    Limits limits = env.site().get().spec().server().limits();
    ConnectionLimiter limiter =
        new ConnectionLimiter(limits.connections(), limits.connectionsPerIp());
    LineServer server =
        LineServer.bind(
            implicitTls ? "pop3s" : "pop3",
            address,
            new Pop3Handler(env),
            limiter,
            implicitTls ? env.tls().context() : null,
            THREADS);
    return new Pop3Server(server, limiter);
  }

  public InetSocketAddress address() {
    return server.address();
  }

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
