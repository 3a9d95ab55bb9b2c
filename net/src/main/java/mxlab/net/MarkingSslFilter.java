package mxlab.net;

import javax.net.ssl.SSLContext;
import mxlab.core.tls.TlsMaterial;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslFilter;

/** MINA's TLS filter, handing decrypted bytes on as {@link Decrypted}. */
final class MarkingSslFilter extends SslFilter {
  MarkingSslFilter(SSLContext context) {
    super(context);
    setEnabledProtocols(TlsMaterial.PROTOCOLS);
  }

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
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
