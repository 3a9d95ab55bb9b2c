package mxlab.bridge.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;

/**
 * Sendmail has one namespace of local recipients (system accounts and /etc/aliases) for all its
 * domains. A user or alias keeps its name there when that name is unique across the spec's domains,
 * and becomes {@code name_domain_tld} where two domains share it.
 */
final class LocalNames {
  private final Map<String, String> byAddress = new HashMap<>();
  private final Set<String> taken = new HashSet<>(Set.of("postmaster", "root", "mailer-daemon"));

  LocalNames(Spec spec) {
    Map<String, Integer> uses = new HashMap<>();
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        uses.merge(u.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
      d.aliases().keySet().forEach(a -> uses.merge(a, 1, Integer::sum));
    }
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        assign(u.name().toLowerCase(Locale.ROOT), d.name(), uses);
      }
      for (String a : d.aliases().keySet()) {
        assign(a, d.name(), uses);
      }
    }
  }

  private void assign(String name, String domain, Map<String, Integer> uses) {
    String local =
        uses.get(name) == 1 && !taken.contains(name) ? name : unique(name + "_" + domain);
    byAddress.put(name + "@" + domain, local);
  }

  /**
   * A new local alias for a virtual entry with several targets: virtusertable takes one, so it
   * names an alias that lists them.
   */
  String forVirtual(String key) {
    return unique(key.startsWith("@") ? "all_" + key.substring(1) : key.replace('@', '_'));
  }

  private String unique(String wanted) {
    String base = wanted.replace('.', '_').replace('-', '_');
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }

  /** The local name of {@code local@domain}, or null if it is no user or alias of ours. */
  String of(String local, String domain) {
    return byAddress.get(local.toLowerCase(Locale.ROOT) + "@" + domain.toLowerCase(Locale.ROOT));
  }

  /** An address as a sendmail target: a local name where it is ours, else the address. */
  String target(String address) {
    int at = address.lastIndexOf('@');
    String local = at < 0 ? null : of(address.substring(0, at), address.substring(at + 1));
    return local != null ? local : address;
  }
}
