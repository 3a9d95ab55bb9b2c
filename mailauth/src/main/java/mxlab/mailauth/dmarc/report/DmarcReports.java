package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mxlab.core.address.IpLiterals;
import mxlab.core.log.MailLog;
import mxlab.core.site.Site;
import mxlab.core.spec.MailAuth;
import mxlab.core.spec.Server;
import mxlab.core.text.Printable;
import mxlab.mailauth.MailDns;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.dmarc.DmarcRecord;
import mxlab.mailauth.dmarc.DmarcResult;
import mxlab.mailauth.spf.SpfResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMARC aggregate reports (RFC 7489 7.2): each message whose policy domain asks for them (rua=) is
 * recorded under data_dir/dmarc; when a report period has ended, one report per policy domain and
 * destination is mailed from our reporting address, the way the server sends its own mail.
 */
public final class DmarcReports {
  private static final Logger log = LoggerFactory.getLogger(DmarcReports.class);
  private static final MailLog maillog = MailLog.get();

  /** Sends a message the server writes itself; the queue id, or empty when it has nowhere to go. */
  @FunctionalInterface
  public interface Mailer {
    Optional<String> send(Site site, String sender, String recipient, List<String> lines)
        throws IOException;
  }

  /**
   * What the checks found on one message, as a report row needs it.
   *
   * @param disposition what was done with it: the policy's disposition under enforce, none in
   *     report mode
   * @param envelopeFrom the MAIL FROM domain, or empty for the null sender
   * @param spfDomain the domain SPF checked; {@code heloScope} when it was the HELO name
   */
  public record Observation(
      DmarcResult dmarc,
      DmarcRecord.Policy disposition,
      InetAddress client,
      String envelopeFrom,
      List<DkimResult> dkim,
      SpfResult spf,
      String spfDomain,
      boolean heloScope) {}

  private final RowStore rows;
  private final Clock clock;
  private final Mailer mailer;
  private final ExternalDestinations external;
  private final SecureRandom random = new SecureRandom();

  public DmarcReports(Path dataDir, Clock clock, Mailer mailer) {
    this.rows = new RowStore(dataDir);
    this.clock = clock;
    this.mailer = mailer;
    this.external = new ExternalDestinations(clock);
  }

  /**
   * Records {@code o} if reports are on and its policy domain has a destination that agrees. A row
   * that cannot be written is logged and lost: reporting never holds up the mail itself.
   */
  public void record(Server server, MailDns dns, Observation o) {
    MailAuth.DmarcReports settings = server.mailAuth().reports();
    DmarcResult d = o.dmarc();
    if (!settings.enabled() || d.record() == null || d.record().rua().isEmpty()) {
      return;
    }
    List<String> destinations = new ArrayList<>();
    for (String uri : d.record().rua()) {
      Optional<ReportUri> parsed = ReportUri.parse(uri);
      if (parsed.isPresent() && external.allowed(d.policyDomain(), parsed.get(), dns)) {
        destinations.add(uri);
      }
    }
    if (destinations.isEmpty()) {
      return;
    }
    try {
      rows.append(clock, settings.interval(), row(d, destinations, o));
    } catch (IOException e) {
      log.warn("dmarc: cannot record a report row for {}: {}", d.policyDomain(), e.toString());
    }
  }

  private static ReportRow row(DmarcResult d, List<String> destinations, Observation o) {
    DmarcRecord r = d.record();
    String reason = "";
    if (d.sampledOut()) {
      reason = "sampled_out";
    } else if (o.disposition() != d.disposition()) {
      reason = "local_policy"; // report mode: the policy asked for more than we did
    }
    List<ReportRow.DkimAuth> dkim = new ArrayList<>();
    for (DkimResult k : o.dkim()) {
      if (k.domain() != null) {
        dkim.add(
            new ReportRow.DkimAuth(
                k.domain(), k.selector() == null ? "" : k.selector(), k.verdict().keyword()));
      }
    }
    return new ReportRow(
        d.policyDomain(),
        destinations,
        new ReportRow.Published(
            r.strictDkim() ? "s" : "r",
            r.strictSpf() ? "s" : "r",
            r.policy().keyword(),
            r.subdomainPolicy().keyword(),
            r.pct(),
            r.fo()),
        IpLiterals.format(o.client()),
        o.disposition().keyword(),
        d.dkimAligned() ? "pass" : "fail",
        d.spfAligned() ? "pass" : "fail",
        reason,
        d.fromDomain(),
        o.envelopeFrom() == null ? "" : o.envelopeFrom().toLowerCase(Locale.ROOT),
        dkim,
        new ReportRow.SpfAuth(
            o.spfDomain() == null ? "" : o.spfDomain().toLowerCase(Locale.ROOT),
            o.heloScope() ? "helo" : "mfrom",
            o.spf().verdict().keyword()));
  }

  /** Sends the reports of every period that has ended; called every second or so. */
  public void sendEnded(Site site) {
    try {
      for (RowStore.Period p : rows.ended(clock)) {
        send(site, p);
        rows.remove(p);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("dmarc: cannot send aggregate reports yet, will try again: {}", e.toString());
    }
  }

  private void send(Site site, RowStore.Period period) throws IOException {
    Server server = site.spec().server();
    String from = server.mailAuth().reports().address(server.hostname());
    String org = from.substring(from.lastIndexOf('@') + 1);
    // one report per policy domain and destination address (7.2: each URI gets its own)
    Map<List<String>, List<ReportRow>> groups = new LinkedHashMap<>();
    Map<List<String>, Long> limits = new LinkedHashMap<>();
    for (ReportRow r : rows.rows(period)) {
      java.util.Set<List<String>> seen = new java.util.HashSet<>();
      for (String uri : r.destinations()) {
        Optional<ReportUri> u = ReportUri.parse(uri);
        List<String> key = u.map(x -> List.of(r.policyDomain(), x.address())).orElse(null);
        if (key == null || !seen.add(key)) {
          continue; // the same address twice in rua= gets one copy
        }
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        limits.merge(key, u.get().maxSize(), Math::min);
      }
    }
    for (Map.Entry<List<String>, List<ReportRow>> g : groups.entrySet()) {
      String domain = g.getKey().get(0);
      String to = g.getKey().get(1);
      String id = period.begin().getEpochSecond() + "." + Long.toHexString(random.nextLong());
      FeedbackXml.Metadata meta =
          new FeedbackXml.Metadata(
              org,
              from,
              id,
              period.begin().getEpochSecond(),
              period.end().getEpochSecond(),
              domain);
      byte[] gz = ReportMessage.gzip(FeedbackXml.render(meta, g.getValue()));
      List<String> lines = ReportMessage.lines(meta, to, server.hostname(), gz, clock.instant());
      long size = lines.stream().mapToLong(l -> l.length() + 2L).sum();
      if (size > limits.get(g.getKey())) {
        // 7.2.1.1: a report over the destination's !size is not sent
        maillog.info(
            "dmarc report: domain={} to=<{}> not sent: {} octets, over its limit of {}",
            Printable.escapeAll(domain, to, size, limits.get(g.getKey())));
        continue;
      }
      Optional<String> queued = mailer.send(site, from, to, lines);
      maillog.info(
          "dmarc report: domain={} to=<{}> report_id={} messages={} {}",
          Printable.escapeAll(
              domain,
              to,
              id,
              g.getValue().size(),
              queued.map(q -> "id=" + q).orElse("undeliverable, dropped")));
    }
  }
}
