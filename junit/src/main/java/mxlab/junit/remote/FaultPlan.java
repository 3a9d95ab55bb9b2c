package mxlab.junit.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** The fault that strikes now at {@code stage}, if any, counted as used. */
  synchronized Optional<RemoteFault> strike(Stage stage) {
    for (int i = 0; i < faults.size(); i++) {
      RemoteFault f = faults.get(i);
      if (f.stage() == stage) {
        if (f.times() == 1) {
          faults.remove(i);
        } else if (f.times() > 1) {
          faults.set(i, f.times(f.times() - 1));
        }
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
