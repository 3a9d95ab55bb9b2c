package mxlab.core.spec;

/**
 * One mistake (or warning) in a spec: where it is, what is wrong, and what to write instead.
 *
 * @param hint what to write instead; may be empty
 */
public record Problem(Severity severity, Location location, String message, String hint) {

  public enum Severity {
    ERROR,
    WARNING
  }

  @Override
  public String toString() {
    String text = location + ": " + severity.name().toLowerCase() + ": " + message;
    return hint.isEmpty() ? text : text + "\n    " + hint;
  }
}
