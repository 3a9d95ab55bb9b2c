package mxlab.imap.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import mxlab.core.tls.TlsMaterial;
import mxlab.imap.command.ImapCommands;
import mxlab.imap.session.ImapEnvironment;
import mxlab.net.ConnectionHandler;
import mxlab.net.LineServer;

/** Starts an IMAP listener: port 143 (STARTTLS) or 993 (implicit TLS, RFC 8314). */
public final class ImapServer {
  /** Handler threads: sessions read and rename files, and IDLE sessions are cheap. */
  private static final int THREADS = 32;

  private ImapServer() {}

  /**
   * @param tls the certificate for STARTTLS and implicit TLS; null: neither (a test without TLS)
   */
  public static LineServer start(
      InetSocketAddress address, ImapEnvironment env, TlsMaterial tls, boolean implicitTls)
      throws IOException {
    if (implicitTls && tls == null) {
      throw new IOException("imaps (implicit TLS) needs TLS material");
    }
    ImapCommands commands = ImapCommands.standard();
    return LineServer.bind(
        implicitTls ? "imaps" : "imap",
        address,
        new ConnectionHandler(
            "imap",
            io ->
                new ImapTransport(io, env, commands, tls == null ? null : tls.context())
                    .connection()),
        env.limits(),
        implicitTls ? tls.context() : null,
        THREADS);
  }
}
