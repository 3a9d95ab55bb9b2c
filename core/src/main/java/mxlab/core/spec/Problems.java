package mxlab.core.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every mistake in a spec so that all of them are reported at once. */
public final class Problems {
  private final List<Problem> list = new ArrayList<>();

  public void error(Location at, String message) {
    error(at, message, "");
  }

  public void error(Location at, String message, String hint) {
    list.add(new Problem(Problem.Severity.ERROR, at, message, hint));
  }

  public void warning(Location at, String message, String hint) {
    list.add(new Problem(Problem.Severity.WARNING, at, message, hint));
  }

  public boolean hasErrors() {
    return list.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
  }

  /** Every problem, in file order. */
  public List<Problem> all() {
    return list.stream()
        .sorted(
            Comparator.comparing((Problem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column()))
        .toList();
  }

  public List<Problem> warnings() {
    return all().stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
  }
}
