package mxlab.pop3.server;

import mxlab.pop3.command.Pop3Commands;
import mxlab.pop3.session.Pop3Environment;
import mxlab.pop3.session.Pop3Session;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects MINA's events to {@link Pop3Session}s. */
final class Pop3Handler extends IoHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(Pop3Handler.class);
  private static final AttributeKey SESSION = new AttributeKey(Pop3Handler.class, "session");

  private final Pop3Environment env;
  private final Pop3Commands commands = Pop3Commands.standard();

  Pop3Handler(Pop3Environment env) {
    this.env = env;
  }

  private static Pop3Session session(IoSession io) {
    return (Pop3Session) io.getAttribute(SESSION);
  }

  @Override
  public void sessionOpened(IoSession io) {
    Pop3Session session = new Pop3Session(io, env, commands);
    io.setAttribute(SESSION, session);
    session.open();
  }

  @Override
  public void messageReceived(IoSession io, Object message) {
    Pop3Session s = session(io);
    if (s != null) {
      s.received(message);
    }
  }

  @Override
  public void messageSent(IoSession io, Object message) {
    Pop3Session s = session(io);
    if (s != null) {
      s.sent(message);
    }
  }

  @Override
  public void sessionIdle(IoSession io, IdleStatus status) {
    Pop3Session s = session(io);
    if (s != null) {
      s.idleTimeout();
    }
  }

  @Override
  public void inputClosed(IoSession io) {
    io.closeNow();
  }

  @Override
  public void sessionClosed(IoSession io) {
    Pop3Session s = (Pop3Session) io.removeAttribute(SESSION);
    if (s != null) {
      s.closed();
    }
  }

  @Override
  public void exceptionCaught(IoSession io, Throwable cause) {
    log.debug("pop3: {} closed on {}", io.getRemoteAddress(), cause.toString());
    io.closeNow();
  }
}
