package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mxlab.core.address.IpLiterals;
import mxlab.core.site.Site;
import mxlab.core.spec.MailAuth;
import mxlab.core.spec.Server;
import mxlab.core.store.SyncBatcher;
import mxlab.mailauth.MailDns;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.dmarc.DmarcRecord;
import mxlab.mailauth.dmarc.DmarcResult;
import mxlab.mailauth.spf.SpfResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMARC aggregate reports (RFC 7489 7.2): each message whose policy domain asks for them (rua=) is
 * recorded under data_dir/dmarc, in a period as long as {@link ReportInterval} decides for it; when
 * a period has ended, one report per policy domain and destination is mailed from our reporting
 * address, the way the server sends its own mail, each exactly once across crashes and failures
 * (but for the window {@link QueuedJournal} describes).
 */
public final class DmarcReports {
  private static final Logger log = LoggerFactory.getLogger(DmarcReports.class);

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

  /** How long a period whose report failed waits before it is tried again. */
  static final Duration RETRY = Duration.ofMinutes(1);

  private final RowStore rows;
  private final Clock clock;
  private final ReportSender sender;
  private final ExternalDestinations external;
  private final Map<Path, Instant> retryAt = new ConcurrentHashMap<>();

  public DmarcReports(Path dataDir, Clock clock, Mailer mailer) {
    // rows of concurrent messages share an fsync; its rounds take files as well as directories
    SyncBatcher syncs = new SyncBatcher();
    this.rows = new RowStore(dataDir, syncs);
    this.clock = clock;
    this.sender = new ReportSender(clock, mailer, syncs);
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
      Duration interval = ReportInterval.of(settings.interval(), d.record().reportInterval());
      rows.append(clock, interval, row(d, destinations, o));
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

  /**
   * Sends the reports of every period that has ended; called every second or so. A claimed period a
   * crash or a failed report left is finished first, sending only what was not queued; one whose
   * report failed is tried again a minute later, its rows kept until every report is queued.
   */
  public void sendEnded(Site site) {
    List<ClaimedRows> work;
    try {
      work = new ArrayList<>(rows.claimed());
      for (RowStore.Period p : rows.ended(clock)) {
        work.add(rows.claim(p));
      }
    } catch (IOException | RuntimeException e) {
      log.warn("dmarc: cannot send aggregate reports yet, will try again: {}", e.toString());
      return;
    }
    for (ClaimedRows c : work) {
      Instant retry = retryAt.get(c.file());
      if (retry != null && clock.instant().isBefore(retry)) {
        continue;
      }
      boolean done;
      try {
        done = sender.send(site, c);
        if (done) {
          rows.remove(c);
        }
      } catch (IOException | RuntimeException e) {
        log.warn(
            "dmarc: cannot send the reports of {}, will try again: {}",
            c.file().getFileName(),
            e.toString());
        done = false;
      }
      if (done) {
        retryAt.remove(c.file());
      } else {
        retryAt.put(c.file(), clock.instant().plus(RETRY));
      }
    }
  }
}
