package mxlab.net;

import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * The point in the chain where a handler's own events join the client's bytes: a timer's
 * continuation (a delayed answer to a failed login) injected here reaches the handler in order with
 * everything already received, on the session's ordered executor.
 */
public final class SessionEvents extends IoFilterAdapter {
  static final String NAME = "events";

  /** Delivers {@code marker} to the handler after everything already received. */
  public static void inject(IoSession session, Object marker) {
    NextFilter next = session.getFilterChain().getNextFilter(NAME);
    if (next != null && !session.isClosing()) {
      next.messageReceived(session, marker);
    }
  }
}
