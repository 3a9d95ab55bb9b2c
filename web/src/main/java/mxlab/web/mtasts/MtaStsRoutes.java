package mxlab.web.mtasts;

import java.io.IOException;
import mxlab.core.spec.Domain;
import mxlab.web.WebEnvironment;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;
import mxlab.web.http.Routes;

/**
 * The MTA-STS policy at https://mta-sts.DOMAIN/.well-known/mta-sts.txt (RFC 8461 3.3): over HTTPS
 * only, for the host name the policy belongs to, as text/plain. Senders fetch it when the _mta-sts
 * TXT record's id changes.
 */
public final class MtaStsRoutes {
  private static final String PREFIX = "mta-sts.";

  private MtaStsRoutes() {}

  public static void addTo(Routes routes, WebEnvironment env) {
    routes.get(
        "/.well-known/mta-sts.txt",
        r -> {
          Domain d = domain(r, env);
          r.reply(200, "text/plain; charset=utf-8", d.mtaSts().policy(d));
        });
  }

  private static Domain domain(Request r, WebEnvironment env) throws IOException, HttpError {
    if (!r.secure()) {
      throw HttpError.notFound(); // RFC 8461 3.3: a policy fetched without TLS is not one
    }
    String host = r.host();
    if (!host.startsWith(PREFIX)) {
      throw HttpError.notFound();
    }
    return env.site()
        .get()
        .spec()
        .domain(host.substring(PREFIX.length()))
        .filter(d -> d.mtaSts() != null && d.mtaSts().hasPolicy())
        .orElseThrow(HttpError::notFound);
  }
}
