package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.core.log.MailLog;
import mxlab.core.site.Site;
import mxlab.core.spec.Server;
import mxlab.core.store.SyncBatcher;
import mxlab.core.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the reports of one claimed period: one per policy domain and destination address (7.2: each
 * URI gets its own), each journaled once the queue has it, so that a retry after a crash or after
 * one report failed sends only those not yet queued.
 */
final class ReportSender {
  private static final Logger log = LoggerFactory.getLogger(ReportSender.class);
  private static final MailLog maillog = MailLog.get();

  private record Destination(String policyDomain, String address) {}

  private final Clock clock;
  private final DmarcReports.Mailer mailer;
  private final SyncBatcher syncs;

  ReportSender(Clock clock, DmarcReports.Mailer mailer, SyncBatcher syncs) {
    this.clock = clock;
    this.mailer = mailer;
    this.syncs = syncs;
  }

  /** Whether every report of {@code claimed} is done with; false leaves some for a retry. */
  boolean send(Site site, ClaimedRows claimed) throws IOException {
    Server server = site.spec().server();
    String from = server.mailAuth().reports().address(server.hostname());
    String org = from.substring(from.lastIndexOf('@') + 1);
    Map<Destination, List<ReportRow>> groups = new LinkedHashMap<>();
    Map<Destination, Long> limits = new LinkedHashMap<>();
    for (ReportRow r : claimed.rows()) {
      Set<Destination> seen = new HashSet<>();
      for (String uri : r.destinations()) {
        Optional<ReportUri> u = ReportUri.parse(uri);
        Destination key = u.map(x -> new Destination(r.policyDomain(), x.address())).orElse(null);
        if (key == null || !seen.add(key)) {
          continue; // the same address twice in rua= gets one copy
        }
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        limits.merge(key, u.get().maxSize(), Math::min);
      }
    }
    QueuedJournal journal = claimed.journal();
    Set<String> done = journal.done();
    boolean all = true;
    for (Map.Entry<Destination, List<ReportRow>> g : groups.entrySet()) {
      Destination d = g.getKey();
      String id = claimed.reportId(d.policyDomain(), d.address());
      if (done.contains(id)) {
        continue; // queued before a crash or a failure of another report
      }
      FeedbackXml.Metadata meta =
          new FeedbackXml.Metadata(
              org,
              from,
              id,
              claimed.period().begin().getEpochSecond(),
              claimed.period().end().getEpochSecond(),
              d.policyDomain());
      try {
        sendOne(site, meta, d.address(), g.getValue(), limits.get(d));
      } catch (IOException | RuntimeException e) {
        log.warn(
            "dmarc: cannot queue report {} for {} to <{}>, will try again: {}",
            Printable.escapeAll(id, d.policyDomain(), d.address(), e.toString()));
        all = false;
        continue;
      }
      journal.add(id, syncs);
    }
    return all;
  }

  private void sendOne(
      Site site, FeedbackXml.Metadata meta, String to, List<ReportRow> rows, long limit)
      throws IOException {
    Server server = site.spec().server();
    byte[] gz = ReportMessage.gzip(FeedbackXml.render(meta, rows));
    List<String> lines = ReportMessage.lines(meta, to, server.hostname(), gz, clock.instant());
    long size = lines.stream().mapToLong(l -> l.length() + 2L).sum();
    if (size > limit) {
      // 7.2.1.1: a report over the destination's !size is not sent
      maillog.info(
          "dmarc report: domain={} to=<{}> not sent: {} octets, over its limit of {}",
          Printable.escapeAll(meta.policyDomain(), to, size, limit));
      return;
    }
    Optional<String> queued = mailer.send(site, meta.email(), to, lines);
    maillog.info(
        "dmarc report: domain={} to=<{}> report_id={} messages={} {}",
        Printable.escapeAll(
            meta.policyDomain(),
            to,
            meta.reportId(),
            rows.size(),
            queued.map(q -> "id=" + q).orElse("undeliverable, dropped")));
  }
}
