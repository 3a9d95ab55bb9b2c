package mxlab.core.access;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mxlab.core.address.MailAddress;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.AccessEntry.Tag;

/**
 * The sendmail access map with sendmail's matching rules (cf/README, "The access database"): the
 * most specific key wins; at each step the tagged key is tried before the untagged one.
 *
 * <ul>
 *   <li>Connect: the client's host name, then its parent domains; then its IP address, then the
 *       shorter octet prefixes ({@code 192.168.100} matches 192.168.100.x).
 *   <li>From / To: the whole address, then the domain and its parents, then {@code user@}.
 * </ul>
 */
public final class AccessMap {
  private final Map<String, AccessEntry> entries = new HashMap<>();

  private AccessMap(List<AccessEntry> list) {
    for (AccessEntry e : list) {
      entries.putIfAbsent(key(e.tag(), e.key()), e);
    }
  }

  public static AccessMap of(List<AccessEntry> entries) {
    return new AccessMap(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether any Connect (or untagged) key is a host name, so the client's name is needed. */
  public boolean needsClientHostName() {
    return entries.values().stream()
        .anyMatch(
            e ->
                (e.tag() == Tag.CONNECT || e.tag() == Tag.ANY)
                    && !e.key().isEmpty()
                    && Character.isLetter(e.key().charAt(e.key().length() - 1)));
  }

  /** The entry for a connecting client; {@code hostName} may be null when unknown. */
  public Optional<AccessEntry> lookupConnect(InetAddress address, String hostName) {
    List<String> keys = new ArrayList<>();
    if (hostName != null) {
      keys.addAll(domainAndParents(hostName.toLowerCase(Locale.ROOT)));
    }
    keys.addAll(addressAndPrefixes(address));
    return first(Tag.CONNECT, keys);
  }

  /** The entry for an envelope sender; the null sender has none. */
  public Optional<AccessEntry> lookupFrom(MailAddress sender) {
    return sender == null ? Optional.empty() : first(Tag.FROM, addressKeys(sender));
  }

  public Optional<AccessEntry> lookupTo(MailAddress recipient) {
    return first(Tag.TO, addressKeys(recipient));
  }

  private Optional<AccessEntry> first(Tag tag, List<String> keys) {
    for (String k : keys) {
      AccessEntry e = entries.get(key(tag, k));
      if (e == null) {
        e = entries.get(key(Tag.ANY, k));
      }
      if (e != null) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static List<String> addressKeys(MailAddress a) {
    List<String> keys = new ArrayList<>();
    keys.add(a.key());
    keys.addAll(domainAndParents(a.domain()));
    keys.add(a.local().toLowerCase(Locale.ROOT) + "@");
    return keys;
  }

  private static List<String> domainAndParents(String domain) {
    List<String> keys = new ArrayList<>();
    for (String d = domain; !d.isEmpty(); ) {
      keys.add(d);
      int dot = d.indexOf('.');
      d = dot < 0 ? "" : d.substring(dot + 1);
    }
    return keys;
  }

  private static List<String> addressAndPrefixes(InetAddress address) {
    List<String> keys = new ArrayList<>();
    String text = address.getHostAddress().toLowerCase(Locale.ROOT);
    if (address instanceof Inet4Address) {
      for (String k = text; !k.isEmpty(); ) {
        keys.add(k);
        int dot = k.lastIndexOf('.');
        k = dot < 0 ? "" : k.substring(0, dot);
      }
    } else {
      keys.add("ipv6:" + text);
      keys.add(text);
    }
    return keys;
  }

  private static String key(Tag tag, String key) {
    return tag.name() + ":" + key;
  }
}
