package mxlab.dns.zone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mxlab.core.spec.Domain;
import mxlab.core.spec.ExtraRecord;
import mxlab.core.spec.MtaSts;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Ports;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;

/**
 * The names the web listener answers for in each zone: autoconfig and autodiscover (for Thunderbird
 * and Outlook), at the listen address or, when mxlab listens on every address, as aliases of the
 * domain's mail host; and the {@code _autodiscover._tcp} SRV record Outlook tries when
 * autodiscover.DOMAIN fails. A name the spec defines itself is left to it.
 */
final class WebRecords {
  /** The names of client autoconfiguration; mta-sts comes with a domain's MTA-STS policy. */
  static final List<String> AUTOCONFIG_HOSTS = List.of("autoconfig", "autodiscover");

  private WebRecords() {}

  static List<Record> of(Server server, Domain domain, Name origin, long ttl) {
    List<Record> out = new ArrayList<>();
    Ports ports = server.ports();
    if (!ports.enabled(Service.HTTP) && !ports.enabled(Service.HTTPS)) {
      return out;
    }
    List<String> hosts = new ArrayList<>(AUTOCONFIG_HOSTS);
    MtaSts sts = domain.mtaSts();
    if (sts != null && sts.hasPolicy() && ports.enabled(Service.HTTPS)) {
      hosts.add("mta-sts"); // RFC 8461 3.3: the policy host, HTTPS only
    }
    for (String host : hosts) {
      if (definedBySpec(domain, host)) {
        continue;
      }
      Name owner = ZoneCompiler.relative(host, origin);
      if (server.listen().isAnyLocalAddress()) {
        out.add(
            new CNAMERecord(
                owner, DClass.IN, ttl, ZoneCompiler.absolute(mailHost(domain, server))));
      } else {
        out.add(ZoneCompiler.address(owner, ttl, server.listen()));
      }
    }
    int https = ports.port(Service.HTTPS);
    if (https > 0 && !definedBySpec(domain, "_autodiscover._tcp")) {
      out.add(
          new SRVRecord(
              ZoneCompiler.relative("_autodiscover._tcp", origin),
              DClass.IN,
              ttl,
              0,
              1,
              https,
              ZoneCompiler.relative("autodiscover", origin)));
    }
    if (sts != null && sts.hasPolicy() && ports.enabled(Service.HTTPS)) {
      out.add(
          ZoneCompiler.txt(
              ZoneCompiler.relative("_mta-sts", origin), ttl, "v=STSv1; id=" + sts.id(domain)));
    }
    return out;
  }

  /** RFC 8460 3: where senders send their daily TLS reports; needs no web listener. */
  static List<Record> tlsReporting(Domain domain, Name origin, long ttl) {
    MtaSts sts = domain.mtaSts();
    if (sts == null || sts.tlsRpt().isEmpty()) {
      return List.of();
    }
    return List.of(
        ZoneCompiler.txt(
            ZoneCompiler.relative("_smtp._tls", origin), ttl, "v=TLSRPTv1; rua=" + sts.tlsRpt()));
  }

  private static boolean definedBySpec(Domain d, String host) {
    return d.hosts().containsKey(host)
        || d.records().stream().map(ExtraRecord::name).anyMatch(host::equalsIgnoreCase);
  }

  private static String mailHost(Domain d, Server server) {
    return d.mx().stream()
        .min(Comparator.comparingInt(Mx::priority))
        .map(Mx::host)
        .orElse(server.hostname());
  }
}
