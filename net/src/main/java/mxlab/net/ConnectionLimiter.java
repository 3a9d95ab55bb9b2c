package mxlab.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Counts connections in total and per client address. A connection over either limit is marked with
 * {@link #REFUSED}; the protocol handler then answers it in its own words (SMTP 421, POP3 -ERR
 * [SYS/TEMP]) and closes it.
 */
public final class ConnectionLimiter extends IoFilterAdapter {
  public static final AttributeKey REFUSED = new AttributeKey(ConnectionLimiter.class, "refused");
  private static final AttributeKey COUNTED = new AttributeKey(ConnectionLimiter.class, "counted");

  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress =
      new ConcurrentHashMap<>();
  private volatile int maxTotal;
  private volatile int maxPerAddress;

  public ConnectionLimiter(int maxTotal, int maxPerAddress) {
    setLimits(maxTotal, maxPerAddress);
  }

  /** New limits apply to new connections (a reload). */
  public void setLimits(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  public int active() {
    return total.get();
  }

  @Override
  public void sessionCreated(NextFilter next, IoSession session) throws Exception {
    InetAddress client = ((InetSocketAddress) session.getRemoteAddress()).getAddress();
    int all = total.incrementAndGet();
    int mine = perAddress.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
    session.setAttribute(COUNTED, client);
    if (all > maxTotal) {
      session.setAttribute(REFUSED, "too many connections");
    } else if (mine > maxPerAddress) {
      session.setAttribute(REFUSED, "too many connections from " + client.getHostAddress());
    }
    next.sessionCreated(session);
  }

  @Override
  public void sessionClosed(NextFilter next, IoSession session) throws Exception {
    InetAddress client = (InetAddress) session.removeAttribute(COUNTED);
    if (client != null) {
      total.decrementAndGet();
      perAddress.computeIfPresent(client, (c, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
    next.sessionClosed(session);
  }
}
