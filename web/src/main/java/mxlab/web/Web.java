package mxlab.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import mxlab.web.autoconfig.AutoconfigRoutes;
import mxlab.web.http.Routes;
import mxlab.web.http.WebServer;

/** The web service of an instance: every route, on one HTTP or HTTPS listener. */
public final class Web {
  private Web() {}

  /** Starts on {@code address}; with {@code tls} it serves HTTPS. */
  public static WebServer start(InetSocketAddress address, WebEnvironment env, SSLContext tls)
      throws IOException {
    return WebServer.start(address, routes(env), tls);
  }

  static Routes routes(WebEnvironment env) {
    Routes routes = new Routes();
    // for `mxlab status` and load balancers: the listener is up and routing
    routes.get("/healthz", r -> r.reply(200, "text/plain; charset=utf-8", "ok\n"));
    AutoconfigRoutes.addTo(routes, env);
    return routes;
  }
}
