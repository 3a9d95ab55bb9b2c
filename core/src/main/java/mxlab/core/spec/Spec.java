package mxlab.core.spec;

import java.util.List;
import java.util.Optional;

/**
 * A whole mxlab spec, validated: the server, the hosted domains, and the sendmail-style maps
 * (virtusertable, access, relay-domains). Build one with {@link mxlab.core.spec.read.SpecLoader}.
 *
 * @param file the file it was read from, for messages
 */
public record Spec(
    String file,
    int version,
    Server server,
    List<Domain> domains,
    List<VirtualEntry> virtual,
    List<AccessEntry> access,
    List<String> relayDomains,
    List<Admin> admins,
    DnsSettings dns) {

  public Spec {
    domains = List.copyOf(domains);
    virtual = List.copyOf(virtual);
    access = List.copyOf(access);
    relayDomains = List.copyOf(relayDomains);
    admins = List.copyOf(admins);
  }

  public Optional<Domain> domain(String name) {
    return domains.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  public Spec withServer(Server newServer) {
    return new Spec(file, version, newServer, domains, virtual, access, relayDomains, admins, dns);
  }

  public Spec withDomains(List<Domain> newDomains) {
    return new Spec(file, version, server, newDomains, virtual, access, relayDomains, admins, dns);
  }
}
