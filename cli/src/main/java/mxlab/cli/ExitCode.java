package mxlab.cli;

/** Exit statuses of mxlab commands, stable for scripts. */
public final class ExitCode {
  public static final int OK = 0;

  /** The spec (or another input file) has mistakes; they were printed. */
  public static final int BAD_INPUT = 1;

  /** The command line itself is wrong (picocli's usage errors). */
  public static final int USAGE = 2;

  /** A service could not start or answer: port in use, no permission, not running. */
  public static final int UNAVAILABLE = 3;

  private ExitCode() {}
}
