package mxlab.core.address;

import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax of host and domain names (RFC 1035 2.3.1, RFC 1123 2.1). */
public final class DomainNames {
  private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  // Owner names of SRV, DMARC and similar records use underscores (RFC 2181 11).
  private static final Pattern OWNER_LABEL = Pattern.compile("[a-z0-9_*]([a-z0-9_-]{0,62})?");

  private DomainNames() {}

  /** Lower case, without a trailing dot. */
  public static String normalize(String name) {
    String s = name.trim().toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A name a host may have: letters, digits, inner hyphens; at least one dot if {@code fqdn}. */
  public static boolean isHostName(String name, boolean fqdn) {
    return matches(normalize(name), HOST_LABEL) && (!fqdn || normalize(name).contains("."));
  }

  /** A name a record may be owned by, like {@code _submission._tcp}. */
  public static boolean isOwnerName(String name) {
    return matches(normalize(name), OWNER_LABEL);
  }

  /** Whether {@code name} is {@code domain} or below it. */
  public static boolean isWithin(String name, String domain) {
    String n = normalize(name);
    String d = normalize(domain);
    return n.equals(d) || n.endsWith("." + d);
  }

  private static boolean matches(String name, Pattern label) {
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (!label.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }
}
