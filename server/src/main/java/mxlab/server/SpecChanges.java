package mxlab.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.dns.zone.CompiledZone;

/** Says what a reload changed, in a few lines for the log and the console. */
final class SpecChanges {
  private SpecChanges() {}

  static List<String> describe(Spec before, Spec after, List<CompiledZone> zones) {
    List<String> lines = new ArrayList<>();
    Set<String> oldDomains = names(before);
    Set<String> newDomains = names(after);
    lines.add("domains: " + newDomains.size() + difference(oldDomains, newDomains));
    lines.add("users: " + users(after).size() + difference(users(before), users(after)));
    lines.add("zones: " + zones.size());
    return lines;
  }

  private static Set<String> names(Spec s) {
    Set<String> out = new LinkedHashSet<>();
    s.domains().forEach(d -> out.add(d.name()));
    return out;
  }

  private static Set<String> users(Spec s) {
    Set<String> out = new LinkedHashSet<>();
    for (Domain d : s.domains()) {
      d.users().forEach(u -> out.add(u.name() + "@" + d.name()));
    }
    return out;
  }

  /** " (added: a, b; removed: c)", listing at most a few of each. */
  private static String difference(Set<String> before, Set<String> after) {
    List<String> added = after.stream().filter(x -> !before.contains(x)).toList();
    List<String> removed = before.stream().filter(x -> !after.contains(x)).toList();
    if (added.isEmpty() && removed.isEmpty()) {
      return " (unchanged)";
    }
    return " (added " + few(added) + "; removed " + few(removed) + ")";
  }

  private static String few(List<String> items) {
    if (items.isEmpty()) {
      return "none";
    }
    String shown = String.join(", ", items.subList(0, Math.min(5, items.size())));
    return items.size() > 5 ? shown + " and " + (items.size() - 5) + " more" : shown;
  }
}
