package mxlab.core.spec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import mxlab.core.address.DomainNames;
import mxlab.core.address.IpLiterals;

/** Checks the value of an extra record the way its type needs it written. */
public final class RecordValues {
  private RecordValues() {}

  /** What is wrong with {@code value}, or null if it is fine. */
  public static String check(String type, String value) {
    String v = value.trim();
    switch (type) {
      case "A" -> {
        return IpLiterals.parse(v).filter(a -> a instanceof Inet4Address).isPresent()
            ? null
            : "'" + v + "' is not an IPv4 address";
      }
      case "AAAA" -> {
        return IpLiterals.parse(v).filter(a -> a instanceof Inet6Address).isPresent()
            ? null
            : "'" + v + "' is not an IPv6 address";
      }
      case "CNAME" -> {
        return DomainNames.isOwnerName(v) ? null : "'" + v + "' is not a host name";
      }
      case "MX" -> {
        String[] p = v.split("\\s+");
        boolean nullMx = p.length == 2 && p[0].equals("0") && p[1].equals("."); // RFC 7505
        return nullMx
                || p.length == 2 && p[0].matches("\\d{1,5}") && DomainNames.isHostName(p[1], false)
            ? null
            : "write 'PRIORITY HOST', like '20 backup.example.net.'";
      }
      case "SRV" -> {
        String[] p = v.split("\\s+");
        boolean ok =
            p.length == 4
                && p[0].matches("\\d{1,5}")
                && p[1].matches("\\d{1,5}")
                && p[2].matches("\\d{1,5}")
                && (p[3].equals(".") || DomainNames.isHostName(p[3], false));
        return ok ? null : "write 'PRIORITY WEIGHT PORT TARGET', like '0 1 5222 mail'";
      }
      case "CAA" -> {
        return v.matches("\\d{1,3} [a-zA-Z0-9]+ \".*\"")
            ? null
            : "write 'FLAGS TAG \"VALUE\"', like '0 issue \"letsencrypt.org\"'";
      }
      default -> {
        return v.length() > 4000 ? "the text is longer than 4000 characters" : null;
      }
    }
  }
}
