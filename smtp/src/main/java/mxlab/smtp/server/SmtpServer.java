package mxlab.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import mxlab.net.LineServer;
import mxlab.smtp.session.SmtpEnvironment;
import mxlab.smtp.session.SmtpMode;

/** Starts an SMTP listener: port 25, 587 or 465, as its {@link SmtpMode} says. */
public final class SmtpServer {
  /** Handler threads: sessions block on fsync, so more than cores. */
  private static final int THREADS = 64;

  private SmtpServer() {}

  public static LineServer start(SmtpMode mode, InetSocketAddress address, SmtpEnvironment env)
      throws IOException {
    if (mode.implicitTls() && env.tls() == null) {
      throw new IOException("submissions (implicit TLS) needs TLS material");
    }
    return LineServer.bind(
        mode.service().specName(),
        address,
        new SmtpHandler(env, mode),
        env.site().get().spec().server().limits(),
        mode.implicitTls() ? env.tls().context() : null,
        THREADS);
  }
}
