package mxlab.core.spec;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hosted mail domain: its zone content and its users.
 *
 * @param name lower case, no trailing dot
 * @param hosts relative host name ({@code @} for the apex) to its addresses
 * @param ns name servers, fully qualified
 * @param spf the SPF TXT at the apex, or empty for none
 * @param dmarc the TXT at {@code _dmarc}, or empty for none
 * @param dkim how mail from this domain is signed
 * @param reverse whether to serve in-addr.arpa PTR records for the mail hosts
 * @param aliases local part to full target addresses
 * @param catchAll where mail for unknown local parts goes, or null to reject it
 * @param mtaSts the MTA-STS policy and TLS reporting address, or null for none
 */
public record Domain(
    String name,
    long ttl,
    Map<String, List<InetAddress>> hosts,
    List<String> ns,
    List<Mx> mx,
    List<ExtraRecord> records,
    String spf,
    String dmarc,
    Dkim dkim,
    boolean reverse,
    List<User> users,
    Map<String, List<String>> aliases,
    String catchAll,
    MtaSts mtaSts) {

  public Domain {
    // in the spec's order, so that zones and exports come out the same on every run
    hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    ns = List.copyOf(ns);
    mx = List.copyOf(mx);
    records = List.copyOf(records);
    users = List.copyOf(users);
    aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
  }

  /** The same domain with other host addresses (a lab that moves its mail host). */
  public Domain withHosts(Map<String, List<InetAddress>> newHosts) {
    return new Domain(
        name, ttl, newHosts, ns, mx, records, spf, dmarc, dkim, reverse, users, aliases, catchAll,
        mtaSts);
  }

  public Optional<User> user(String localPart) {
    return users.stream().filter(u -> u.name().equalsIgnoreCase(localPart)).findFirst();
  }

  /** The fully qualified form of a host name written relative to this domain. */
  public String qualify(String relative) {
    return relative.equals("@") ? name : relative + "." + name;
  }
}
