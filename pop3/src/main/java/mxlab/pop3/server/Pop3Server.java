package mxlab.pop3.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import mxlab.net.ConnectionHandler;
import mxlab.net.LineServer;
import mxlab.pop3.command.Pop3Commands;
import mxlab.pop3.session.Pop3Environment;
import mxlab.pop3.session.Pop3Session;

/** Starts a POP3 listener: port 110 (STLS available) or 995 (implicit TLS). */
public final class Pop3Server {
  private static final int THREADS = 32;

  private Pop3Server() {}

  public static LineServer start(
      InetSocketAddress address, Pop3Environment env, boolean implicitTls) throws IOException {
    if (implicitTls && env.tls() == null) {
      throw new IOException("pop3s (implicit TLS) needs TLS material");
    }
    Pop3Commands commands = Pop3Commands.standard();
    return LineServer.bind(
        implicitTls ? "pop3s" : "pop3",
        address,
        new ConnectionHandler("pop3", io -> new Pop3Session(io, env, commands).connection()),
        env.site().get().spec().server().limits(),
        implicitTls ? env.tls().context() : null,
        THREADS);
  }
}
