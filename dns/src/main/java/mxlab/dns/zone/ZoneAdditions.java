package mxlab.dns.zone;

import java.io.IOException;
import java.util.List;
import mxlab.core.spec.Domain;

/**
 * TXT records a domain's zone gets from outside the spec file: the DKIM key records, whose keys
 * live in the data directory (made by the mail authentication module, which dns does not know).
 */
@FunctionalInterface
public interface ZoneAdditions {
  ZoneAdditions NONE = domain -> List.of();

  /**
   * @param owner relative to the domain, e.g. {@code mxlab._domainkey}
   */
  record Txt(String owner, String text) {}

  List<Txt> txt(Domain domain) throws IOException;
}
