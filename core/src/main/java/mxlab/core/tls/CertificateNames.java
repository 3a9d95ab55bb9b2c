package mxlab.core.tls;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mxlab.core.address.IpLiterals;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Spec;

/**
 * The names the self-signed certificate must carry so that a client checking host names accepts it
 * wherever a spec sends it: the server's host name first, every domain and every host of every
 * domain, the MX hosts, the names the web serves (autoconfig, autodiscover, mta-sts) and the listen
 * address (loopback when it is the wildcard).
 */
public final class CertificateNames {
  /** Host names of each domain that the web listener answers for. */
  public static final List<String> WEB_HOSTS = List.of("autoconfig", "autodiscover", "mta-sts");

  private CertificateNames() {}

  public static List<String> of(Spec spec) {
    Set<String> names = new LinkedHashSet<>();
    names.add(spec.server().hostname());
    for (Domain d : spec.domains()) {
      names.add(d.name());
      d.hosts().keySet().forEach(h -> names.add(d.qualify(h)));
      d.mx().stream().map(Mx::host).forEach(names::add);
      WEB_HOSTS.forEach(h -> names.add(d.qualify(h)));
    }
    if (spec.server().listen().isAnyLocalAddress()) {
      names.add("127.0.0.1"); // every address is served; this one works from the machine itself
      names.add("::1");
    } else {
      names.add(IpLiterals.format(spec.server().listen()));
    }
    return List.copyOf(names);
  }
}
