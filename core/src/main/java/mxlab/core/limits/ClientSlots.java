package mxlab.core.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections held per client, for the per-IP limits of every listener. A client is an IPv4 address
 * or an IPv6 /64: one link (RFC 4291 2.5.4), whose host can pick any of 2^64 addresses, so counting
 * single IPv6 addresses would limit nobody.
 */
public final class ClientSlots {
  private static final int IPV6_PREFIX_OCTETS = 8;

  private final ConcurrentHashMap<InetAddress, Integer> held = new ConcurrentHashMap<>();

  /** Takes a slot for {@code client} unless it already holds {@code max}; true if taken. */
  public boolean tryTake(InetAddress client, int max) {
    boolean[] taken = {false};
    held.compute(
        clientOf(client),
        (c, n) -> {
          int now = n == null ? 0 : n;
          if (now >= max) {
            return n;
          }
          taken[0] = true;
          return now + 1;
        });
    return taken[0];
  }

  /** Gives back a slot {@link #tryTake} had taken. */
  public void give(InetAddress client) {
    held.computeIfPresent(clientOf(client), (c, n) -> n <= 1 ? null : n - 1);
  }

  /** The slots {@code client} holds now. */
  public int held(InetAddress client) {
    return held.getOrDefault(clientOf(client), 0);
  }

  /** The address that stands for the client: itself, or its /64 for IPv6. */
  static InetAddress clientOf(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
    Arrays.fill(prefix, IPV6_PREFIX_OCTETS, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(prefix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // 16 octets are always an address
    }
  }
}
