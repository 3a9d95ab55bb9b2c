package mxlab.core.spec;

import java.util.Arrays;
import java.util.Optional;

/** The network services one mxlab instance runs, by the names used in specs and --ports. */
public enum Service {
  DNS("dns", 53),
  SMTP("smtp", 25),
  SUBMISSION("submission", 587),
  /** Implicit-TLS submission, RFC 8314. */
  SUBMISSIONS("submissions", 465),
  POP3("pop3", 110),
  POP3S("pop3s", 995),
  IMAP("imap", 143),
  /** Implicit-TLS IMAP, RFC 8314. */
  IMAPS("imaps", 993),
  /** The lab page and client autoconfiguration, plain HTTP. */
  HTTP("http", 80),
  /** The same over TLS, with the self-signed or configured certificate. */
  HTTPS("https", 443),
  SSH("ssh", 2222);

  private final String specName;
  private final int defaultPort;

  Service(String specName, int defaultPort) {
    this.specName = specName;
    this.defaultPort = defaultPort;
  }

  public String specName() {
    return specName;
  }

  public int defaultPort() {
    return defaultPort;
  }

  public static Optional<Service> byName(String name) {
    return Arrays.stream(values()).filter(s -> s.specName.equalsIgnoreCase(name)).findFirst();
  }

  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Service::specName).toList());
  }
}
