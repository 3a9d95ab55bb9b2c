package mxlab.outbound;

import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/** Hands what remote servers send to their {@link ClientConnection}. */
final class ClientHandler extends IoHandlerAdapter {
  static final AttributeKey EARLY = new AttributeKey(ClientHandler.class, "early");

  @Override
  public void messageReceived(IoSession io, Object message) {
    synchronized (io) {
      ClientConnection c = (ClientConnection) io.getAttribute(ClientConnection.KEY);
      if (c != null) {
        c.received(message);
      } else {
        @SuppressWarnings("unchecked")
        List<Object> early = (List<Object>) io.getAttribute(EARLY);
        if (early == null) {
          early = new ArrayList<>();
          io.setAttribute(EARLY, early);
        }
        early.add(message instanceof IoBuffer b ? copy(b) : message);
      }
    }
  }

  private static IoBuffer copy(IoBuffer b) {
    IoBuffer c = IoBuffer.allocate(b.remaining());
    c.put(b).flip();
    return c;
  }

  @Override
  public void sessionClosed(IoSession io) {
    ClientConnection c = (ClientConnection) io.getAttribute(ClientConnection.KEY);
    if (c != null) {
      c.closed();
    }
  }

  @Override
  public void exceptionCaught(IoSession io, Throwable cause) {
    io.closeNow();
  }
}
