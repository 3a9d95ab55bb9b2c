package mxlab.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import mxlab.net.ConnectionHandler;
import mxlab.net.LineServer;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.session.SmtpEnvironment;
import mxlab.smtp.session.SmtpMode;
import mxlab.smtp.session.SmtpSession;

/**
 * Starts an SMTP listener: port 25, 587 or 465, as its {@link SmtpMode} says, with the commands and
 * the policy chain it is given ({@link CommandRegistry#standard()}, {@link Policy#standard()}).
 */
public final class SmtpServer {
  /** Handler threads: sessions block on fsync, so more than cores. */
  private static final int THREADS = 64;

  private SmtpServer() {}

  public static LineServer start(
      SmtpMode mode,
      InetSocketAddress address,
      SmtpEnvironment env,
      CommandRegistry commands,
      Policy policy)
      throws IOException {
    if (mode.implicitTls() && env.tls() == null) {
      throw new IOException("submissions (implicit TLS) needs TLS material");
    }
    return LineServer.bind(
        mode.service().specName(),
        address,
        new ConnectionHandler(
            "smtp", io -> new SmtpSession(io, env, mode, commands, policy).connection()),
        env.site().get().spec().server().limits(),
        mode.implicitTls() ? env.tls().context() : null,
        THREADS);
  }
}
