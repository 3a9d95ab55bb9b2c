package mxlab.core.spec.read;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mxlab.core.address.DomainNames;
import mxlab.core.address.IpLiterals;
import mxlab.core.spec.Problems;

/** A domain's {@code hosts}: relative host names and their addresses (the zone's A and AAAA). */
record HostsReader(Problems problems) {

  Map<String, List<InetAddress>> read(Fields domain, String name) {
    Map<String, List<InetAddress>> hosts = new LinkedHashMap<>();
    for (Node.Entry e : domain.mappingEntries("hosts").values()) {
      String host = relative(e.key(), name);
      if (!host.equals("@") && !DomainNames.isHostName(host, false)) {
        problems.error(
            e.keyLocation(),
            "'" + e.key() + "' is not a host name",
            "use letters, digits and inner hyphens, like mail or ns1; '@' is the domain itself");
        continue;
      }
      List<InetAddress> addresses = new ArrayList<>();
      for (Node v : Node.items(e.value())) {
        String text = v instanceof Node.Scalar s ? s.text() : null;
        Optional<InetAddress> a = text == null ? Optional.empty() : IpLiterals.parse(text);
        if (a.isEmpty()) {
          problems.error(
              v.location(),
              "host "
                  + host
                  + "."
                  + name
                  + ": '"
                  + (text == null ? v.kind() : text)
                  + "' is not an IP address",
              "write an IPv4 address like 192.168.0.100 or an IPv6 one like 2001:db8::25");
        } else {
          addresses.add(a.get());
        }
      }
      hosts.put(host, List.copyOf(addresses));
    }
    return hosts;
  }

  /** A host name relative to {@code domain}: "mail" for mail.bann.com, "@" for the apex. */
  static String relative(String host, String domain) {
    String h = DomainNames.normalize(host);
    if (h.equals(domain) || h.equals("@")) {
      return "@";
    }
    return h.endsWith("." + domain) ? h.substring(0, h.length() - domain.length() - 1) : h;
  }

  /** Fully qualifies a host an MX or NS names; relative names must be hosts of the domain. */
  static String hostTarget(String text, String domain, Map<String, List<InetAddress>> hosts) {
    String t = text.trim();
    if (t.endsWith(".")) {
      return DomainNames.normalize(t);
    }
    String rel = relative(t, domain);
    if (hosts.containsKey(rel) || !t.contains(".")) {
      return rel.equals("@") ? domain : rel + "." + domain;
    }
    return DomainNames.normalize(t);
  }
}
