package mxlab.web.auth;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.address.IpLiterals;
import mxlab.core.spec.Spec;
import mxlab.core.tls.CertificateNames;
import mxlab.web.WebEnvironment;
import mxlab.web.http.Request;

/**
 * Passwords over plain HTTP, refused as SMTP, POP3 and IMAP refuse plaintext AUTH without TLS
 * unless the spec's lab-only {@code allow_plaintext_auth} is on. The login form then points to the
 * HTTPS listener, on a host name of ours only: a forged Host header cannot send the browser
 * elsewhere.
 */
final class PlaintextLogins {
  private final WebEnvironment env;

  PlaintextLogins(WebEnvironment env) {
    this.env = env;
  }

  /** Whether a password sent with this request must not be looked at. */
  boolean refused(Request r) {
    return !r.secure() && !env.site().get().spec().server().allowPlaintextAuth();
  }

  /** The login form on the HTTPS listener, when it is on. */
  Optional<String> httpsLogin(Request r) {
    return env.facts().endpoint("https").map(a -> "https://" + host(r, a) + port(a) + "/login");
  }

  private String host(Request r, InetSocketAddress https) {
    Spec spec = env.site().get().spec();
    String asked = r.host();
    for (String name : CertificateNames.of(spec)) {
      if (name.toLowerCase(Locale.ROOT).equals(asked)) {
        return asked.contains(":") ? "[" + asked + "]" : asked;
      }
    }
    if (https.getAddress().isAnyLocalAddress()) {
      return spec.server().hostname();
    }
    String ip = IpLiterals.format(https.getAddress());
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }

  private static String port(InetSocketAddress a) {
    return a.getPort() == 443 ? "" : ":" + a.getPort();
  }
}
