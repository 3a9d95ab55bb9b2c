package mxlab.web.autoconfig;

import java.io.IOException;
import java.util.Optional;
import mxlab.core.spec.Spec;
import mxlab.core.tls.CertificateNames;
import mxlab.web.WebEnvironment;
import mxlab.web.http.ContentDisposition;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;
import mxlab.web.http.Routes;

/**
 * Where clients look for their settings: Thunderbird at autoconfig.DOMAIN/mail/config-v1.1.xml and
 * DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml, Outlook at
 * autodiscover.DOMAIN/autodiscover/autodiscover.xml, Apple devices at /mobileconfig. The domain is
 * the one of the address asked about, else the one the Host header names.
 */
public final class AutoconfigRoutes {
  private static final String XML = "application/xml; charset=utf-8";

  private final WebEnvironment env;

  private AutoconfigRoutes(WebEnvironment env) {
    this.env = env;
  }

  public static void addTo(Routes routes, WebEnvironment env) {
    AutoconfigRoutes a = new AutoconfigRoutes(env);
    routes.get("/mail/config-v1.1.xml", a::thunderbird);
    routes.get("/.well-known/autoconfig/mail/config-v1.1.xml", a::thunderbird);
    routes.post("/autodiscover/autodiscover.xml", a::autodiscover);
    routes.post("/Autodiscover/Autodiscover.xml", a::autodiscover);
    routes.get("/mobileconfig", a::mobileconfig);
  }

  private void thunderbird(Request r) throws IOException, HttpError {
    MailSettings s = settings(r.query("emailaddress").orElse(null), r.host());
    r.reply(200, XML, ThunderbirdConfig.xml(s));
  }

  private void autodiscover(Request r) throws IOException, HttpError {
    Optional<String> address = Autodiscover.requestedAddress(r.body());
    if (address.isEmpty()) {
      throw HttpError.badRequest("expected an Autodiscover request naming an EMailAddress");
    }
    Spec spec = env.site().get().spec();
    Optional<MailSettings> s = MailSettings.forAddress(address.get(), spec, env.facts());
    r.reply(
        200,
        XML,
        s.isPresent()
            ? Autodiscover.response(s.get(), address.get())
            : Autodiscover.error("no mail domain of this server: " + address.get()));
  }

  private void mobileconfig(Request r) throws IOException, HttpError {
    String address =
        r.query("emailaddress")
            .filter(a -> a.matches("[^@\\s]+@[^@\\s]+"))
            .orElseThrow(() -> HttpError.badRequest("give ?emailaddress=user@domain"));
    MailSettings s = settings(address, r.host());
    if (!MobileConfig.possible(s)) {
      throw new HttpError(503, "a profile needs imap or imaps and submission or submissions on");
    }
    r.responseHeader(
        "Content-Disposition", ContentDisposition.attachment(s.domain().name() + ".mobileconfig"));
    r.reply(200, MobileConfig.CONTENT_TYPE, MobileConfig.plist(s, address));
  }

  /** The settings for {@code address}'s domain, else for the domain the host name belongs to. */
  private MailSettings settings(String address, String host) throws HttpError {
    Spec spec = env.site().get().spec();
    if (address != null && !address.isBlank()) {
      return MailSettings.forAddress(address, spec, env.facts())
          .orElseThrow(() -> HttpError.notFound());
    }
    for (String prefix : CertificateNames.WEB_HOSTS) {
      if (host.startsWith(prefix + ".")) {
        host = host.substring(prefix.length() + 1);
        break;
      }
    }
    return MailSettings.forAddress(host, spec, env.facts()).orElseThrow(HttpError::notFound);
  }
}
