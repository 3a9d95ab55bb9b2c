package mxlab.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a domain's MTA-STS policy can be fetched. RFC 8461 3.3 puts it at https://mta-sts.DOMAIN/
 * only, so with the https service off there is no policy to serve: the zone then leaves out the
 * _mta-sts TXT record too (a sender that finds the record but not the policy would report a failure
 * for every message), and `validate` and `up` say so, because the spec asked for something the lab
 * does not do.
 */
public final class MtaStsReach {
  private MtaStsReach() {}

  /** One line per domain whose {@code mta_sts:} cannot be served, with what to write instead. */
  public static List<String> warnings(Spec spec) {
    if (spec.server().ports().enabled(Service.HTTPS)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Domain d : spec.domains()) {
      if (d.mtaSts() == null || !d.mtaSts().hasPolicy()) {
        continue;
      }
      out.add(
          "warning: "
              + d.name()
              + ": mta_sts: "
              + d.mtaSts().mode()
              + " needs the https service, which is off: no policy is served at https://mta-sts."
              + d.name()
              + "/.well-known/mta-sts.txt and the zone has no _mta-sts record, so senders see no"
              + " MTA-STS for "
              + d.name()
              + "\n  hint: turn https on (ports: { https: 443 } under server:, or --ports"
              + " https=8443), or remove mta_sts: from the domain");
    }
    return out;
  }
}
