package mxlab.core.spec;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a spec means where it says nothing (some answers depend on the rest of it): the reader fills
 * these in, the writer leaves out what equals them.
 */
public final class SpecDefaults {
  public static final String LISTEN = "127.0.0.1";
  public static final long MAX_MESSAGE_SIZE = 10_240_000L;
  public static final String MAILER_DAEMON = "MAILER-DAEMON";
  public static final int REMOTE_PORT = 25;
  public static final int TTL = 3600;
  public static final String SPF = "v=spf1 mx -all";
  public static final String DMARC = "v=DMARC1; p=none";

  /** An MTA-STS policy's max_age: a day, so a lab's policy changes reach senders soon. */
  public static final Duration MTA_STS_MAX_AGE = Duration.ofDays(1);

  private SpecDefaults() {}

  /** The server's name: the first domain's first MX host. */
  public static String hostname(List<Domain> domains) {
    if (domains.isEmpty()) {
      return "localhost.localdomain";
    }
    Domain first = domains.get(0);
    return first.mx().isEmpty() ? "mail." + first.name() : first.mx().get(0).host();
  }

  /** Where postmaster@ goes: the first user of the first domain that has one. */
  public static String postmaster(List<Domain> domains, String hostname) {
    for (Domain d : domains) {
      if (!d.users().isEmpty()) {
        return d.users().get(0).name() + "@" + d.name();
      }
    }
    return "postmaster@" + hostname;
  }

  /** A domain's MX without an {@code mx} key: 10 mail, if there is a host mail. */
  public static Optional<Mx> mx(String domain, Map<String, List<InetAddress>> hosts) {
    return hosts.containsKey("mail") ? Optional.of(new Mx(10, "mail." + domain)) : Optional.empty();
  }

  /**
   * A domain's name server without an {@code ns} key: mxlab serves DNS on the mail host, so that
   * host is the natural name server; else a host ns1.
   */
  public static Optional<String> nameServer(
      String domain, Map<String, List<InetAddress>> hosts, List<Mx> mx) {
    if (!mx.isEmpty()) {
      return Optional.of(mx.get(0).host());
    }
    return hosts.containsKey("ns1") ? Optional.of("ns1." + domain) : Optional.empty();
  }
}
