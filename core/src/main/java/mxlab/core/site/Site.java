package mxlab.core.site;

import java.util.List;
import mxlab.core.access.AccessMap;
import mxlab.core.address.DomainNames;
import mxlab.core.auth.accounts.Credentials;
import mxlab.core.routing.Router;
import mxlab.core.spec.Spec;

/**
 * A spec compiled for the mail services: routing, access map, logins. Immutable; a reload builds a
 * new one and sessions keep the one they started with.
 */
public final class Site {
  private final Spec spec;
  private final Router router;
  private final AccessMap access;
  private final Credentials credentials;

  private Site(Spec spec) {
    this.spec = spec;
    this.router = Router.of(spec);
    this.access = AccessMap.of(spec.access());
    this.credentials = Credentials.of(spec);
  }

  public static Site of(Spec spec) {
    return new Site(spec);
  }

  public Spec spec() {
    return spec;
  }

  public Router router() {
    return router;
  }

  public AccessMap access() {
    return access;
  }

  public Credentials credentials() {
    return credentials;
  }

  public String hostname() {
    return spec.server().hostname();
  }

  /** Whether we relay to {@code domain} by relay_domains (the domain or a parent is listed). */
  public boolean isRelayDomain(String domain) {
    List<String> relay = spec.relayDomains();
    return relay.stream().anyMatch(r -> DomainNames.isWithin(domain, r));
  }
}
