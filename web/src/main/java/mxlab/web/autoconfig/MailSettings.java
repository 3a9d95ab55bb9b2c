package mxlab.web.autoconfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Spec;
import mxlab.web.LabFacts;

/**
 * What a mail client needs to know of one domain: the host to connect to and every mail service
 * that listens now, on the port it is really bound to. Implicit TLS comes first: RFC 8314 3 asks
 * clients to prefer it over STARTTLS.
 */
public record MailSettings(Domain domain, String host, List<Server> servers) {
  public enum Type {
    IMAP,
    POP3,
    SMTP
  }

  /** One server: its protocol, port, and whether TLS is implicit or by STARTTLS. */
  public record Server(Type type, int port, boolean implicitTls) {
    public String socketType() {
      return implicitTls ? "SSL" : "STARTTLS";
    }
  }

  private record Known(String service, Type type, boolean implicitTls) {}

  private static final List<Known> SERVICES =
      List.of(
          new Known("imaps", Type.IMAP, true),
          new Known("imap", Type.IMAP, false),
          new Known("pop3s", Type.POP3, true),
          new Known("pop3", Type.POP3, false),
          new Known("submissions", Type.SMTP, true),
          new Known("submission", Type.SMTP, false));

  /** The settings for the domain of {@code address} (or a bare domain), if it is hosted here. */
  public static Optional<MailSettings> forAddress(String address, Spec spec, LabFacts facts) {
    String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    return spec.domain(domain).map(d -> of(d, spec, facts));
  }

  static MailSettings of(Domain d, Spec spec, LabFacts facts) {
    List<Server> servers = new ArrayList<>();
    for (Known k : SERVICES) {
      facts
          .endpoint(k.service())
          .ifPresent(a -> servers.add(new Server(k.type(), a.getPort(), k.implicitTls())));
    }
    return new MailSettings(d, host(d, spec), servers);
  }

  /**
   * The domain's most preferred MX host: the name its users were told (mail.bann.com), which the
   * certificate names; the server's host name when the domain has no MX of its own.
   */
  static String host(Domain d, Spec spec) {
    return d.mx().stream()
        .min(Comparator.comparingInt(Mx::priority))
        .map(Mx::host)
        .orElse(spec.server().hostname());
  }

  public List<Server> of(Type type) {
    return servers.stream().filter(s -> s.type() == type).toList();
  }
}
