package mxlab.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import mxlab.core.limits.ClientSlots;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Counts connections per client and in total. A connection over either limit is marked with {@link
 * #REFUSED}; the protocol handler then answers it in its own words (SMTP 421, POP3 -ERR [SYS/TEMP])
 * and closes it. The per-client limit is checked first and is at most half the total, so no one
 * client can fill the listener; a refused connection holds no slot.
 */
public final class ConnectionLimiter extends IoFilterAdapter {
  public static final AttributeKey REFUSED = new AttributeKey(ConnectionLimiter.class, "refused");
  private static final AttributeKey COUNTED = new AttributeKey(ConnectionLimiter.class, "counted");

  private final AtomicInteger total = new AtomicInteger();
  private final ClientSlots perClient = new ClientSlots();
  private volatile int maxTotal;
  private volatile int maxPerClient;

  public ConnectionLimiter(int maxTotal, int maxPerAddress) {
    setLimits(maxTotal, maxPerAddress);
  }

  /** New limits apply to new connections (a reload). */
  public void setLimits(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerClient = Math.min(maxPerAddress, Math.max(1, maxTotal / 2));
  }

  public int active() {
    return total.get();
  }

  @Override
  public void sessionCreated(NextFilter next, IoSession session) throws Exception {
    InetAddress client = ((InetSocketAddress) session.getRemoteAddress()).getAddress();
    if (!perClient.tryTake(client, maxPerClient)) {
      session.setAttribute(REFUSED, "too many connections from " + client.getHostAddress());
    } else if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      perClient.give(client);
      session.setAttribute(REFUSED, "too many connections");
    } else {
      session.setAttribute(COUNTED, client);
    }
    next.sessionCreated(session);
  }

  @Override
  public void sessionClosed(NextFilter next, IoSession session) throws Exception {
    InetAddress client = (InetAddress) session.removeAttribute(COUNTED);
    if (client != null) {
      total.decrementAndGet();
      perClient.give(client);
    }
    next.sessionClosed(session);
  }
}
