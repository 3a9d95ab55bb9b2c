package mxlab.core.address;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IP address literals, parsed without ever asking DNS (InetAddress.getByName would). */
public final class IpLiterals {
  private IpLiterals() {}

  public static Optional<InetAddress> parse(String text) {
    String s = text.trim();
    try {
      if (s.indexOf(':') >= 0) {
        if (!s.matches("[0-9A-Fa-f:.]+")) {
          return Optional.empty();
        }
        return Optional.of(InetAddress.getByName(s)); // a literal: no lookup happens
      }
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (!parts[i].matches("\\d{1,3}") || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
          return Optional.empty();
        }
        int n = Integer.parseInt(parts[i]);
        if (n > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) n;
      }
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The text form without the slash and host-name decorations InetAddress.toString adds. */
  public static String format(InetAddress address) {
    return address.getHostAddress();
  }
}
