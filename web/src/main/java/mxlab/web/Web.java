package mxlab.web;

import java.io.IOException;
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

/**
 * The web service of an instance: every route, on each HTTP or HTTPS listener it starts. The
 * listeners share one session store (a login on one is known to the other, and a listener that a
 * reload moves keeps everyone logged in) and, through the environment, the failed-login throttle.
 * Each listener has its own routes, so the limits that guard a listener's threads (waiting failed
 * logins, live streams) stay per listener.
 */
public final class Web {
  private final WebEnvironment env;
  private final Sessions sessions = new Sessions(Clock.systemUTC());
  private AdminToken adminToken;

  private Web(WebEnvironment env) {
    this.env = env;
  }

  /** One per instance; nothing is read or written until the first listener starts. */
  public static Web of(WebEnvironment env) {
    return new Web(env);
  }

  /** Starts a listener on {@code address}; with {@code tls} it serves HTTPS. */
  public WebServer start(InetSocketAddress address, SSLContext tls) throws IOException {
    return WebServer.start(address, routes(), tls);
  }

  /** Made at the first start, not before: an instance with the web off has no token file. */
  private synchronized AdminToken adminToken() throws IOException {
    if (adminToken == null) {
      try {
        adminToken = AdminToken.load(env.dataDir());
      } catch (IOException e) {
        throw new IOException("cannot make " + AdminToken.file(env.dataDir()) + ": " + e, e);
      }
    }
    return adminToken;
  }

  Routes routes() throws IOException {
    Routes routes = new Routes();
    // for `mxlab status` and load balancers: the listener is up and routing
    routes.get("/healthz", r -> r.reply(200, "text/plain; charset=utf-8", "ok\n"));
    AutoconfigRoutes.addTo(routes, env);
    MtaStsRoutes.addTo(routes, env);
    StaticFiles.addTo(routes);
    new LoginRoutes(env, sessions, adminToken()).addTo(routes);
    new LabRoutes(env, sessions).addTo(routes);
    return routes;
  }
}
