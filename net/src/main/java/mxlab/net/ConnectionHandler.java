package mxlab.net;

import java.util.function.Function;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects MINA's events to the {@link Connection} a protocol makes for each session. */
public final class ConnectionHandler extends IoHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

  private final String name;
  private final Function<IoSession, Connection<?>> connections;

  /**
   * @param connections makes the connection (and its protocol) for a new session
   */
  public ConnectionHandler(String name, Function<IoSession, Connection<?>> connections) {
    this.name = name;
    this.connections = connections;
  }

  private static Connection<?> of(IoSession io) {
    return (Connection<?>) io.getAttribute(Connection.KEY);
  }

  @Override
  public void sessionOpened(IoSession io) {
    connections.apply(io).open();
  }

  @Override
  public void messageReceived(IoSession io, Object message) {
    Connection<?> c = of(io);
    if (c != null) {
      c.received(message);
    }
  }

  @Override
  public void messageSent(IoSession io, Object message) {
    Connection<?> c = of(io);
    if (c != null) {
      c.sent(message);
    }
  }

  @Override
  public void sessionIdle(IoSession io, IdleStatus status) {
    Connection<?> c = of(io);
    if (c != null) {
      c.idle();
    }
  }

  @Override
  public void inputClosed(IoSession io) {
    io.closeNow();
  }

  @Override
  public void sessionClosed(IoSession io) {
    Connection<?> c = (Connection<?>) io.removeAttribute(Connection.KEY);
    if (c != null) {
      c.closed();
    }
  }

  @Override
  public void exceptionCaught(IoSession io, Throwable cause) {
    // A broken TLS handshake or a reset connection: nothing to answer, nothing to keep.
    log.debug("{}: {} closed on {}", name, io.getRemoteAddress(), cause.toString());
    io.closeNow();
  }
}
