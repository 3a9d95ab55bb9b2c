package mxlab.server;

/** A service of the instance could not start; everything already started has been stopped. */
public final class StartFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public StartFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
