package mxlab.net;

import javax.net.ssl.SSLContext;
import mxlab.core.tls.TlsMaterial;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's TLS filter, handing decrypted bytes on as {@link Decrypted}. A client offering only SSL
 * 3.0, TLS 1.0 or 1.1 gets a protocol_version alert and one log line, not the engine's stack trace;
 * one that starts a new handshake on an established session (a renegotiation, which {@link Tls}
 * forbids) is cut with one log line before the engine refuses it with MINA's stack trace.
 */
final class MarkingSslFilter extends SslFilter {
  private static final Logger log = LoggerFactory.getLogger(MarkingSslFilter.class);
  private static final AttributeKey RECORDS = new AttributeKey(MarkingSslFilter.class, "records");

  MarkingSslFilter(SSLContext context) {
    super(context);
    setEnabledProtocols(TlsMaterial.PROTOCOLS);
  }

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    if (message instanceof IoBuffer in) {
      RecordScanner records = (RecordScanner) session.getAttribute(RECORDS);
      if (records == null) {
        records = new RecordScanner();
        session.setAttribute(RECORDS, records);
        String outdated = LegacyHello.outdatedVersion(in);
        if (outdated != null) {
          log.info(
              "tls: refused {} handshake from {}: TLSv1.2 or later required",
              outdated,
              session.getRemoteAddress());
          Tls.writeClear(session, LegacyHello.protocolVersionAlert());
          session.closeOnFlush();
          return;
        }
      }
      if (records.handshakeStartsIn(in) && session.containsAttribute(SSL_SECURED)) {
        log.info(
            "tls: refused a renegotiation from {}: closing the connection",
            session.getRemoteAddress());
        session.closeNow();
        return;
      }
    }
    super.messageReceived(new Marking(next), session, message);
  }

  /** Passes everything on, wrapping the received buffers. */
  private record Marking(NextFilter next) implements NextFilter {
    @Override
    public void messageReceived(IoSession session, Object message) {
      next.messageReceived(session, message instanceof IoBuffer b ? new Decrypted(b) : message);
    }

    @Override
    public void sessionCreated(IoSession session) {
      next.sessionCreated(session);
    }

    @Override
    public void sessionOpened(IoSession session) {
      next.sessionOpened(session);
    }

    @Override
    public void sessionClosed(IoSession session) {
      next.sessionClosed(session);
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
      next.sessionIdle(session, status);
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
      next.exceptionCaught(session, cause);
    }

    @Override
    public void inputClosed(IoSession session) {
      next.inputClosed(session);
    }

    @Override
    public void messageSent(IoSession session, WriteRequest writeRequest) {
      next.messageSent(session, writeRequest);
    }

    @Override
    public void filterWrite(IoSession session, WriteRequest writeRequest) {
      next.filterWrite(session, writeRequest);
    }

    @Override
    public void filterClose(IoSession session) {
      next.filterClose(session);
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
      next.event(session, event);
    }
  }
}
