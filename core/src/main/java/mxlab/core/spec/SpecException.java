package mxlab.core.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be used; carries every problem found, never a stack trace for the user. */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public SpecException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
