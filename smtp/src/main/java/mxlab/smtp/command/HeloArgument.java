package mxlab.smtp.command;

import java.util.regex.Pattern;
import mxlab.core.address.IpLiterals;

/**
 * The argument of EHLO and HELO (RFC 5321 4.1.1.1): a domain or an address literal (4.1.3). It goes
 * into the Received: field (4.4) and from there to the next hop, so nothing else passes: no CR,
 * NUL, ESC or space. Liberal where real clients are, as Postfix is: underscores in labels (Windows
 * host names), one trailing dot, a single label ({@code localhost}), and address literals after
 * HELO too. Not accepted: General-address-literals (no tag but IPv6 is defined) and U-labels
 * (clients send A-labels, {@code xn--...}).
 */
final class HeloArgument {
  /** RFC 5321 4.1.2 sub-domain (Let-dig [Ldh-str]) plus underscores; at most 63 octets. */
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

  /** RFC 5321 4.5.3.1.2. */
  private static final int MAX_DOMAIN = 255;

  private static final String IPV6_TAG = "IPv6:";

  private HeloArgument() {}

  /** The argument without the spaces around it, or null when it is no domain or literal. */
  static String parse(String argument) {
    String s = argument.replaceAll("^[ \t]+|[ \t]+$", "");
    return isAddressLiteral(s) || isDomain(s) ? s : null;
  }

  private static boolean isDomain(String s) {
    String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    if (name.isEmpty() || name.length() > MAX_DOMAIN) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]} (RFC 5321 4.1.3). */
  private static boolean isAddressLiteral(String s) {
    if (s.length() < 3 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
      return false;
    }
    String inner = s.substring(1, s.length() - 1);
    if (inner.regionMatches(true, 0, IPV6_TAG, 0, IPV6_TAG.length())) {
      String address = inner.substring(IPV6_TAG.length());
      return address.indexOf(':') >= 0 && IpLiterals.parse(address).isPresent();
    }
    return inner.indexOf(':') < 0 && IpLiterals.parse(inner).isPresent();
  }
}
