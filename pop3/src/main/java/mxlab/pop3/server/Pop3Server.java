package mxlab.pop3.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import mxlab.net.LineServer;
import mxlab.pop3.session.Pop3Environment;

/** Starts a POP3 listener: port 110 (STLS available) or 995 (implicit TLS). */
public final class Pop3Server {
  private static final int THREADS = 32;

  private Pop3Server() {}

  public static LineServer start(
      InetSocketAddress address, Pop3Environment env, boolean implicitTls) throws IOException {
    if (implicitTls && env.tls() == null) {
      throw new IOException("pop3s (implicit TLS) needs TLS material");
    }
    return LineServer.bind(
        implicitTls ? "pop3s" : "pop3",
        address,
        new Pop3Handler(env),
        env.site().get().spec().server().limits(),
        implicitTls ? env.tls().context() : null,
        THREADS);
  }
}
