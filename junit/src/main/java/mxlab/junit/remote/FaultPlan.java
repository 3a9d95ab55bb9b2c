package mxlab.junit.remote;

import java.util.ArrayList;
import java.util.List;

/** The faults waiting to strike, first injected first; a limited fault is used up as it fires. */
final class FaultPlan {
  private final List<RemoteFault> faults = new ArrayList<>();

  synchronized void add(RemoteFault fault) {
    faults.add(fault);
  }

  synchronized void clear() {
    faults.clear();
  }

  synchronized List<RemoteFault> pending() {
    return List.copyOf(faults);
  }

  /**
   * The faults that strike now at {@code stage}, in the order injected, each counted as used: every
   * delay armed for it (they add up), then the first reply or drop, which decides the answer. So an
   * {@link RemoteFault#ALWAYS} delay does not hide a reply injected after it.
   */
  synchronized List<RemoteFault> strike(Stage stage) {
    List<RemoteFault> striking = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      RemoteFault f = faults.get(i);
      if (f.stage() != stage) {
        continue;
      }
      striking.add(f);
      if (f.times() == 1) {
        faults.remove(i--);
      } else if (f.times() > 1) {
        faults.set(i, f.times(f.times() - 1));
      }
      if (f.kind() != RemoteFault.Kind.DELAY) {
        break;
      }
    }
    return striking;
  }
}
