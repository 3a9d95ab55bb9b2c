package mxlab.web.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every route of the web listener in one list, exact paths or prefixes ("/api/mailbox/"), each with
 * its methods; a path that matches with another method gets 405.
 */
public final class Routes {
  private record Route(Set<String> methods, String path, boolean prefix, Handler handler) {
    boolean matches(String p) {
      return prefix ? p.startsWith(path) : p.equals(path);
    }
  }

  private final List<Route> routes = new ArrayList<>();

  public Routes get(String path, Handler handler) {
    routes.add(new Route(Set.of("GET", "HEAD"), path, false, handler));
    return this;
  }

  public Routes post(String path, Handler handler) {
    routes.add(new Route(Set.of("POST"), path, false, handler));
    return this;
  }

  /** GET for every path under {@code prefix} (which ends with '/'). */
  public Routes getUnder(String prefix, Handler handler) {
    routes.add(new Route(Set.of("GET", "HEAD"), prefix, true, handler));
    return this;
  }

  /** The handler for this request, 404 or 405. */
  Handler find(String method, String path) throws HttpError {
    Optional<Route> any = Optional.empty();
    for (Route r : routes) {
      if (r.matches(path)) {
        if (r.methods().contains(method)) {
          return r.handler();
        }
        any = Optional.of(r);
      }
    }
    if (any.isPresent()) {
      throw new HttpError(405, "method not allowed");
    }
    throw HttpError.notFound();
  }
}
