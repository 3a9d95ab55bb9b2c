package mxlab.smtp.server;

import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.session.SmtpEnvironment;
import mxlab.smtp.session.SmtpMode;
import mxlab.smtp.session.SmtpSession;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects MINA's events to {@link SmtpSession}s. */
final class SmtpHandler extends IoHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SmtpHandler.class);
  private static final AttributeKey SESSION = new AttributeKey(SmtpHandler.class, "session");

  private final SmtpEnvironment env;
  private final SmtpMode mode;
  private final CommandRegistry commands = CommandRegistry.standard();
  private final Policy policy = Policy.standard();

  SmtpHandler(SmtpEnvironment env, SmtpMode mode) {
    this.env = env;
    this.mode = mode;
  }

  @Override
  public void sessionOpened(IoSession io) {
    SmtpSession session = new SmtpSession(io, env, mode, commands, policy);
    io.setAttribute(SESSION, session);
    session.open();
  }

  @Override
  public void messageReceived(IoSession io, Object message) {
    SmtpSession session = (SmtpSession) io.getAttribute(SESSION);
    if (session != null) {
      session.received(message);
    }
  }

  @Override
  public void messageSent(IoSession io, Object message) {
    SmtpSession session = (SmtpSession) io.getAttribute(SESSION);
    if (session != null) {
      session.sent(message);
    }
  }

  @Override
  public void sessionIdle(IoSession io, IdleStatus status) {
    SmtpSession session = (SmtpSession) io.getAttribute(SESSION);
    if (session != null) {
      session.idleTimeout();
    }
  }

  @Override
  public void inputClosed(IoSession io) {
    io.closeNow();
  }

  @Override
  public void sessionClosed(IoSession io) {
    SmtpSession session = (SmtpSession) io.removeAttribute(SESSION);
    if (session != null) {
      session.closed();
    }
  }

  @Override
  public void exceptionCaught(IoSession io, Throwable cause) {
    // A broken TLS handshake or a reset connection: nothing to answer, nothing to keep.
    log.debug("smtp: {} closed on {}", io.getRemoteAddress(), cause.toString());
    io.closeNow();
  }
}
