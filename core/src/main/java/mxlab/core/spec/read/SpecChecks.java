package mxlab.core.spec.read;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mxlab.core.address.MailAddress;
import mxlab.core.routing.Resolution;
import mxlab.core.routing.Router;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Problems;
import mxlab.core.spec.Spec;
import mxlab.core.spec.VirtualEntry;

/** Checks that need the whole spec: host names with addresses, targets that exist, no loops. */
final class SpecChecks {
  private final Spec spec;
  private final CrossReferences refs;
  private final Problems problems;

  private final Map<String, Domain> byName = new HashMap<>();

  SpecChecks(Spec spec, CrossReferences refs, Problems problems) {
    this.spec = spec;
    this.refs = refs;
    this.problems = problems;
    spec.domains().forEach(d -> byName.putIfAbsent(d.name(), d));
  }

  void run() {
    checkHostAddresses();
    checkTargets();
    checkShadowingCatchAll();
  }

  /** An MX or NS host inside a hosted domain must have an A or AAAA record there. */
  private void checkHostAddresses() {
    for (CrossReferences.HostRef ref : refs.hostRefs) {
      Domain owner = enclosingDomain(ref.host());
      if (owner == null) {
        continue; // out of our zones: its owner publishes the address
      }
      String rel =
          ref.host().equals(owner.name())
              ? "@"
              : ref.host().substring(0, ref.host().length() - owner.name().length() - 1);
      List<InetAddress> addresses = owner.hosts().get(rel);
      if (addresses == null || addresses.isEmpty()) {
        problems.error(
            ref.location(),
            ref.role() + " host " + ref.host() + " of " + ref.domain() + " has no address",
            "add it under hosts of " + owner.name() + ", like '" + rel + ": 192.0.2.10'");
      }
    }
  }

  /** The hosted domain a name is in, the longest one if domains nest. */
  private Domain enclosingDomain(String host) {
    for (String name = host; ; name = name.substring(name.indexOf('.') + 1)) {
      Domain d = byName.get(name);
      if (d != null) {
        return d;
      }
      if (name.indexOf('.') < 0) {
        return null;
      }
    }
  }

  /** Every alias, virtual, forward and catch-all target must lead to a mailbox, without loops. */
  private void checkTargets() {
    Router router = Router.of(spec);
    for (CrossReferences.TargetRef ref : refs.targets) {
      MailAddress target = MailAddress.parse(ref.target()).orElse(null);
      if (target == null) {
        continue; // already reported as a bad address
      }
      Resolution r = router.resolve(target);
      if (r instanceof Resolution.Unknown u) {
        String hint =
            u.nearest() != null
                ? "did you mean " + u.nearest() + "?"
                : "add a user or alias " + target.local() + " to " + target.domain();
        problems.error(
            ref.location(),
            ref.from() + " points to " + u.address() + ", which is not a user or alias",
            hint);
      } else if (r instanceof Resolution.Loop loop) {
        problems.error(
            ref.location(),
            "mail for "
                + ref.from()
                + " would go round in a loop: "
                + String.join(" -> ", loop.chain()),
            "break the loop so that one of these reaches a user's mailbox");
      }
    }
  }

  /** A virtual {@code @domain} on a hosted domain silently takes all its users' mail. */
  private void checkShadowingCatchAll() {
    for (VirtualEntry v : spec.virtual()) {
      if (!v.isCatchAll()) {
        continue;
      }
      String domain = v.key().substring(1);
      spec.domain(domain)
          .filter(d -> !d.users().isEmpty() || !d.aliases().isEmpty())
          .ifPresent(
              d ->
                  problems.warning(
                      refs.virtualLocations.get(v.key()),
                      "virtual "
                          + v.key()
                          + " takes every message for "
                          + domain
                          + ", so its users and aliases receive none",
                      "to catch only unknown names, write catch_all: under the domain instead"));
    }
  }
}
