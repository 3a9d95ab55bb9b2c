package mxlab.web.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import mxlab.web.auth.Sessions.Session;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;

/** Cross-site request forgery: a state-changing request must come from our own pages. */
public final class Csrf {
  private Csrf() {}

  /** The session's token in the form, and no foreign Origin. */
  public static void check(Request r, Session s) throws IOException, HttpError {
    sameOrigin(r);
    byte[] sent = r.form("csrf").orElse("").getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(sent, s.csrf().getBytes(StandardCharsets.UTF_8))) {
      throw HttpError.forbidden("missing or wrong CSRF token");
    }
  }

  /** Browsers send Origin with every POST; one that is not this host is another site's form. */
  static void sameOrigin(Request r) throws HttpError {
    String origin = r.header("Origin");
    if (origin == null) {
      return; // older browsers and non-browsers: the token decides
    }
    String self = (r.secure() ? "https://" : "http://") + r.header("Host");
    if (!origin.equalsIgnoreCase(self)) {
      throw HttpError.forbidden("cross-origin request refused");
    }
  }
}
