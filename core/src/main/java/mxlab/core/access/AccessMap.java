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
import mxlab.core.address.Subaddress;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.AccessEntry.Action;
import mxlab.core.spec.AccessEntry.Tag;

/**
 * The sendmail access map with the lookups of sendmail's cf/m4/proto.m4: the most specific key
 * wins, and at each key the tagged entry is tried before the untagged one ({@code <+ Tag>}).
 *
 * <ul>
 *   <li>Connect (check_relay): the client's host name, then its parent domains (ruleset D); then
 *       its IP address, then the shorter octet prefixes (ruleset A).
 *   <li>From (check_mail) and To (blocklist_recipients): the whole address, then {@code user@},
 *       then the domain and its parents (SearchList F, U, D); a {@code user+detail} local part is
 *       tried as itself, then {@code user+*}, then {@code user}. To: tries {@code user@} only for
 *       our own domains, as sendmail does for class w.
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
        .anyMatch(e -> (e.tag() == Tag.CONNECT || e.tag() == Tag.ANY) && isNameKey(e.key()));
  }

  /**
   * The entry for a connecting client, as check_relay finds it: by name first, then by address;
   * {@code hostName} may be null when unknown.
   */
  public Optional<AccessEntry> lookupConnect(InetAddress address, String hostName) {
    return lookupConnectName(hostName).or(() -> lookupConnectAddress(address));
  }

  /** The Connect: entry for the client's (forward-confirmed) host name; none if it is null. */
  public Optional<AccessEntry> lookupConnectName(String hostName) {
    return hostName == null
        ? Optional.empty()
        : first(Tag.CONNECT, domainAndParents(hostName.toLowerCase(Locale.ROOT)));
  }

  /** The Connect: entry for the client's IP address or an octet prefix of it. */
  public Optional<AccessEntry> lookupConnectAddress(InetAddress address) {
    return first(Tag.CONNECT, addressAndPrefixes(address));
  }

  /** The entry for an envelope sender; the null sender has none. */
  public Optional<AccessEntry> lookupFrom(MailAddress sender) {
    return sender == null ? Optional.empty() : first(Tag.FROM, addressKeys(sender, true));
  }

  /** The entry for a recipient; {@code ours}: its domain is one we receive mail for. */
  public Optional<AccessEntry> lookupTo(MailAddress recipient, boolean ours) {
    return first(Tag.TO, addressKeys(recipient, ours));
  }

  /**
   * Whether the map lets anyone relay to {@code domain} (proto.m4 Rcpt_ok): the most specific entry
   * for the domain or a parent says RELAY, and is either tagged {@code To:} or an untagged key
   * naming exactly this domain. Untagged keys so act for recipients as with sendmail's
   * FEATURE(relay_hosts_only), and an untagged IP prefix never names a recipient domain. OK never
   * relays.
   */
  public boolean relaysTo(String domain) {
    return first(Tag.TO, domainAndParents(domain))
        .filter(e -> e.action() == Action.RELAY)
        .filter(e -> e.tag() == Tag.TO || (e.key().equals(domain) && isNameKey(e.key())))
        .isPresent();
  }

  /**
   * Whether the client may relay (proto.m4 Relay_ok): its address, or else its name, says RELAY; an
   * entry of another kind for the address does not hide a RELAY for the name.
   */
  public boolean relaysFor(InetAddress address, String hostName) {
    return isRelay(lookupConnectAddress(address)) || isRelay(lookupConnectName(hostName));
  }

  private static boolean isRelay(Optional<AccessEntry> entry) {
    return entry.filter(e -> e.action() == Action.RELAY).isPresent();
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

  private static List<String> addressKeys(MailAddress a, boolean withUser) {
    List<String> forms = Subaddress.lookupForms(a.local().toLowerCase(Locale.ROOT));
    List<String> keys = new ArrayList<>();
    forms.forEach(local -> keys.add(local + "@" + a.domain()));
    if (withUser) {
      forms.forEach(local -> keys.add(local + "@"));
    }
    keys.addAll(domainAndParents(a.domain()));
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

  /** A host or domain name, not an IP address or prefix: names end in a letter, IPv6 has colons. */
  private static boolean isNameKey(String key) {
    return !key.isEmpty()
        && key.indexOf(':') < 0
        && Character.isLetter(key.charAt(key.length() - 1));
  }

  private static String key(Tag tag, String key) {
    return tag.name() + ":" + key;
  }
}
