package mxlab.net;

import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;

/**
 * Turns out-of-band events into messages that reach the handler in order with the client's bytes:
 * the end of a TLS handshake, and timers a handler set (a delayed answer to a failed login). MINA
 * delivers filter events outside the per-session executor queue; as messages they are ordered, so
 * nothing read before the handshake can pass for something read after it.
 */
public final class SessionEvents extends IoFilterAdapter {
  static final String NAME = "events";

  /** Received once the TLS handshake has completed. */
  public static final Object TLS_SECURED =
      new Object() {
        @Override
        public String toString() {
          return "TLS secured";
        }
      };

  @Override
  public void event(NextFilter next, IoSession session, FilterEvent event) throws Exception {
    if (event == SslEvent.SECURED) {
      next.messageReceived(session, TLS_SECURED);
    } else {
      next.event(session, event);
    }
  }

  /** Delivers {@code marker} to the handler after everything already received. */
  public static void inject(IoSession session, Object marker) {
    NextFilter next = session.getFilterChain().getNextFilter(NAME);
    if (next != null && !session.isClosing()) {
      next.messageReceived(session, marker);
    }
  }
}
