package mxlab.mailauth.dmarc.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mxlab.core.text.Printable;
import mxlab.mailauth.MailDns;
import mxlab.mailauth.dmarc.OrganizationalDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 7489 7.1: reports go to a domain other than the policy domain's organization only when that
 * domain agrees, by a DMARC record at {@code POLICY-DOMAIN._report._dmarc.RUA-DOMAIN}; otherwise a
 * record could aim our reports at anyone. Answers are remembered a while, as a cache would.
 */
final class ExternalDestinations {
  private static final Logger log = LoggerFactory.getLogger(ExternalDestinations.class);
  private static final Duration REMEMBER = Duration.ofMinutes(10);
  private static final int MAX_REMEMBERED = 10_000;

  private record Answer(boolean allowed, Instant asked) {}

  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Clock clock;

  ExternalDestinations(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code uri} may receive the reports of {@code policyDomain}. */
  boolean allowed(String policyDomain, ReportUri uri, MailDns dns) {
    if (OrganizationalDomain.of(uri.domain()).equals(OrganizationalDomain.of(policyDomain))) {
      return true;
    }
    String name = policyDomain + "._report._dmarc." + uri.domain();
    Answer known = answers.get(name);
    Instant now = clock.instant();
    if (known != null && known.asked().plus(REMEMBER).isAfter(now)) {
      return known.allowed();
    }
    boolean allowed;
    try {
      // any v=DMARC1 record will do (7.1); its own rua= is not followed
      allowed = dns.txt(name).stream().anyMatch(t -> t.strip().startsWith("v=DMARC1"));
    } catch (MailDns.DnsFailure e) {
      return false; // not remembered: asked again with the next message
    }
    if (answers.size() >= MAX_REMEMBERED) {
      answers.clear(); // many policy domains (spam with made-up ones): start afresh
    }
    answers.put(name, new Answer(allowed, now));
    if (!allowed) {
      log.info(
          "dmarc: not reporting {} to {}: {} has no v=DMARC1 TXT record (RFC 7489 7.1)",
          Printable.escapeAll(policyDomain, uri.address(), name));
    }
    return allowed;
  }
}
