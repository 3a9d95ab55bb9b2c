package mxlab.web.http;

/** A request we refuse with a status and a short plain-text reason. */
public final class HttpError extends Exception {
  private final int status;

  public HttpError(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static HttpError notFound() {
    return new HttpError(404, "not found");
  }

  public static HttpError forbidden(String why) {
    return new HttpError(403, why);
  }

  public static HttpError badRequest(String why) {
    return new HttpError(400, why);
  }
}
