package mxlab.core.spec;

import mxlab.core.address.DomainNames;
import mxlab.core.address.IpLiterals;
import mxlab.core.address.MailAddress;

/** What an access map key may be, by tag (sendmail's cf/README, "access database"). */
public final class AccessKeys {
  private AccessKeys() {}

  public static boolean valid(AccessEntry.Tag tag, String key) {
    if (key.isEmpty()) {
      return false;
    }
    boolean host = isIpOrPrefix(key) || DomainNames.isHostName(key, false);
    boolean mail =
        key.endsWith("@")
            ? MailAddress.isLocalPart(key.substring(0, key.length() - 1))
            : key.contains("@") ? MailAddress.parse(key).isPresent() : host;
    return switch (tag) {
      case CONNECT -> host || key.startsWith("ipv6:");
      case FROM, TO -> mail;
      case ANY -> mail || host;
    };
  }

  /** A whole address or leading octets: {@code 192.168.100}, {@code 10}. */
  public static boolean isIpOrPrefix(String key) {
    if (IpLiterals.parse(key).isPresent()) {
      return true;
    }
    return key.matches(
        "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){0,2}");
  }
}
