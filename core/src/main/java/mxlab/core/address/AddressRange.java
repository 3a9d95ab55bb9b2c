package mxlab.core.address;

import java.net.InetAddress;
import java.util.Optional;

/** An address or network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1}). */
public record AddressRange(InetAddress network, int prefix) {

  public static Optional<AddressRange> parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    Optional<InetAddress> address = IpLiterals.parse(slash < 0 ? s : s.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int bits = address.get().getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
    }
    return Optional.of(new AddressRange(address.get(), prefix));
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != n[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (a[full] & mask) == (n[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
