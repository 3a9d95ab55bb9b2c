package mxlab.core.spec.write;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import mxlab.core.address.AddressRange;

/** Addresses, networks and resolvers as the spec's reader takes them and people write them. */
final class IpText {
  private IpText() {}

  /** An address as people write it: IPv6 with its longest run of zero groups as :: (RFC 5952). */
  static String ip(InetAddress a) {
    String full = a.getHostAddress();
    if (!(a instanceof Inet6Address) || full.contains("%")) {
      return full;
    }
    String[] groups = full.split(":");
    int start = -1;
    int length = 1; // only a run of two or more becomes ::
    for (int i = 0; i < groups.length; i++) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > length) {
        start = i;
        length = j - i;
      }
      i = Math.max(i, j);
    }
    if (start < 0) {
      return full;
    }
    return String.join(":", Arrays.copyOfRange(groups, 0, start))
        + "::"
        + String.join(":", Arrays.copyOfRange(groups, start + length, groups.length));
  }

  /** A network in CIDR notation, a single address without its prefix. */
  static String range(AddressRange r) {
    boolean single = r.prefix() == r.network().getAddress().length * 8;
    return ip(r.network()) + (single ? "" : "/" + r.prefix());
  }

  /** A resolver: its address, and the port unless it is 53 (an IPv6 address then in brackets). */
  static String hostPort(InetSocketAddress a) {
    String host = ip(a.getAddress());
    if (a.getPort() == 53) {
      return host;
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
