package mxlab.core.spec.read;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mxlab.core.address.DomainNames;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Problems;
import mxlab.core.spec.SpecDefaults;

/** A domain's {@code mx} and {@code ns}: the hosts that receive its mail and serve its zone. */
record MxReader(Problems problems, CrossReferences refs) {

  List<Mx> readMx(Fields f, String domain, Map<String, List<InetAddress>> hosts) {
    List<Mx> out = new ArrayList<>();
    if (!f.has("mx")) {
      SpecDefaults.mx(domain, hosts)
          .ifPresent(
              mail -> {
                out.add(mail);
                refs.host(domain, mail.host(), "MX", f.location());
              });
      return out;
    }
    for (Node item : f.list("mx")) {
      Integer priority = null;
      String host = null;
      if (item instanceof Node.Scalar s && s.text() != null) {
        String[] parts = s.text().trim().split("\\s+");
        if (parts.length == 2 && parts[0].matches("\\d{1,5}")) {
          priority = Integer.parseInt(parts[0]);
          host = parts[1];
        }
      } else if (item instanceof Node.Mapping) {
        Fields m = Fields.of(item, item.location(), "mx of " + domain, problems);
        priority = m.integer("priority", 10, 0, 65535);
        host = m.string("host", null);
        m.finish();
      }
      if (priority == null || host == null || priority > 65535) {
        problems.error(
            item.location(),
            "an mx entry of " + domain + " needs a priority and a host",
            "write '- { priority: 10, host: mail }' or '- 10 mail'");
        continue;
      }
      String fq = HostsReader.hostTarget(host, domain, hosts);
      if (!DomainNames.isHostName(fq, false)) {
        problems.error(item.location(), "mx host '" + host + "' is not a host name");
        continue;
      }
      out.add(new Mx(priority, fq));
      refs.host(domain, fq, "MX", item.location());
    }
    return out;
  }

  List<String> readNs(Fields f, String domain, Map<String, List<InetAddress>> hosts, List<Mx> mx) {
    List<String> out = new ArrayList<>();
    for (Scalars.Item item : f.strings("ns")) {
      String fq = HostsReader.hostTarget(item.text(), domain, hosts);
      if (!DomainNames.isHostName(fq, true)) {
        problems.error(item.location(), "ns '" + item.text() + "' is not a host name");
        continue;
      }
      out.add(fq);
      refs.host(domain, fq, "NS", item.location());
    }
    if (out.isEmpty()) {
      Optional<String> ns = SpecDefaults.nameServer(domain, hosts, mx);
      if (ns.isPresent()) {
        out.add(ns.get());
      } else {
        problems.error(
            f.location(),
            "domain " + domain + " has no name server: no ns, no mx, no host ns1",
            "add 'hosts: { mail: 192.0.2.10 }' (used as MX and NS) or 'ns: [ns1.example.net.]'");
      }
    }
    return out;
  }
}
