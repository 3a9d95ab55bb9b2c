package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mxlab.core.spec.Location;

/**
 * What the section readers note for the checks that need the whole spec ({@link SpecChecks}):
 * targets that must reach a mailbox, hosts that must have an address, and where keys were written.
 */
final class CrossReferences {
  /** Every address the spec sends mail to, checked against the recipients once all is read. */
  final List<TargetRef> targets = new ArrayList<>();

  /** Every host name an MX or NS record names, checked for an address once all is read. */
  final List<HostRef> hostRefs = new ArrayList<>();

  /** Where each domain was written, for messages about duplicates. */
  final Map<String, Location> domainLocations = new LinkedHashMap<>();

  /** Where each virtual key was written, for messages about the entry. */
  final Map<String, Location> virtualLocations = new LinkedHashMap<>();

  record TargetRef(String from, String target, Location location) {}

  record HostRef(String domain, String host, String role, Location location) {}

  /**
   * Queues a target for the check that it reaches a mailbox once everything is read; a null target
   * was not an address, which is reported already.
   */
  void checkLater(String from, String target, Location at) {
    if (target != null) {
      targets.add(new TargetRef(from, target, at));
    }
  }

  void host(String domain, String host, String role, Location at) {
    hostRefs.add(new HostRef(domain, host, role, at));
  }
}
