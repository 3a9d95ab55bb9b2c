package mxlab.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import mxlab.web.auth.AdminToken;
import mxlab.web.auth.LoginRoutes;
import mxlab.web.auth.Sessions;
import mxlab.web.autoconfig.AutoconfigRoutes;
import mxlab.web.http.Routes;
import mxlab.web.http.StaticFiles;
import mxlab.web.http.WebServer;
import mxlab.web.lab.LabRoutes;
import mxlab.web.mtasts.MtaStsRoutes;

/** The web service of an instance: every route, on one HTTP or HTTPS listener. */
public final class Web {
  private Web() {}

  /** Starts on {@code address}; with {@code tls} it serves HTTPS. */
  public static WebServer start(InetSocketAddress address, WebEnvironment env, SSLContext tls)
      throws IOException {
    return WebServer.start(address, routes(env), tls);
  }

  private static AdminToken adminToken(WebEnvironment env) {
    try {
      return AdminToken.load(env.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + AdminToken.file(env.dataDir()), e);
    }
  }

  static Routes routes(WebEnvironment env) {
    Routes routes = new Routes();
    // for `mxlab status` and load balancers: the listener is up and routing
    routes.get("/healthz", r -> r.reply(200, "text/plain; charset=utf-8", "ok\n"));
    AutoconfigRoutes.addTo(routes, env);
    MtaStsRoutes.addTo(routes, env);
    StaticFiles.addTo(routes);
    Sessions sessions = new Sessions(Clock.systemUTC());
    new LoginRoutes(env, sessions, adminToken(env)).addTo(routes);
    new LabRoutes(env, sessions).addTo(routes);
    return routes;
  }
}
