package mxlab.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import mxlab.core.spec.Spec;
import mxlab.net.LineServer;

/** An SMTP, POP3 or IMAP listener: new limits on reload; when moved, its sessions finish. */
record LineListening(LineServer server) implements Listening {
  @Override
  public InetSocketAddress address() {
    return server.address();
  }

  @Override
  public void update(Spec next) {
    server.setLimits(next.server().limits());
  }

  @Override
  public void retire(Duration grace) {
    server.retire(grace);
  }

  @Override
  public void close() {
    server.close();
  }
}
