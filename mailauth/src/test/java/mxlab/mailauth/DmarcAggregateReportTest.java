package mxlab.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import mxlab.mailauth.dmarc.report.DmarcReports;
import mxlab.net.Dialogue;
import mxlab.smtp.LogCapture;
import mxlab.smtp.SmtpFixture;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.Policy;
import mxlab.store.delivery.Submitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * DMARC aggregate reports end to end over real sockets: genuine and forged mail from a domain with
 * rua= arrives, its 2-second report period passes, and the report mail lands in the rua mailbox
 * through the path the server's own mail takes; its gzipped XML validates against RFC 7489 Appendix
 * C with the right counts. A rua= outside the policy domain that has not agreed (7.1) gets nothing.
 * The rows wait on disk (0600), so a second reporter over the same data_dir sends them.
 */
class DmarcAggregateReportTest {
  static final String SPEC =
      """
      version: 1
      server:
        hostname: mail.north.lab
        mail_auth: { dmarc: enforce, dmarc_reports: { interval: 2s } }
      domains:
        - name: north.lab
          hosts: { mail: 127.0.24.1 }
          users: [ { name: alice, password: "{PLAIN}secret" }, { name: rua, password: x } ]
      """;

  static final FakeDns WORLD =
      new FakeDns()
          .txt("friend.example", "v=spf1 ip4:127.0.0.0/8 -all")
          .txt("_dmarc.friend.example", "v=DMARC1; p=quarantine; rua=mailto:rua@north.lab!10m")
          // friend.example's reports may go to north.lab: north.lab says so (RFC 7489 7.1)
          .txt("friend.example._report._dmarc.north.lab", "v=DMARC1")
          .txt("stranger.example", "v=spf1 ip4:127.0.0.0/8 -all")
          .txt("_dmarc.stranger.example", "v=DMARC1; p=none; rua=mailto:rua@north.lab");

  @TempDir Path data;
  SmtpFixture smtp;
  ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
    if (smtp != null) {
      smtp.close();
    }
  }

  /** The time the reporters see: mail arrives early in a period, which then passes at once. */
  static final class LabClock extends Clock {
    volatile java.time.Instant now;

    LabClock(java.time.Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void forgedAndGenuineMailIsReportedToTheRuaMailboxAsValidXml() throws Exception {
    long second = java.time.Instant.now().getEpochSecond();
    LabClock clock = new LabClock(java.time.Instant.ofEpochSecond(second - second % 2));
    DmarcReports recorder = new DmarcReports(data, clock, (s, f, t, l) -> null);
    Policy policy =
        Policy.standard().withMessageHook(new VerifyingHook(server -> WORLD).reportingTo(recorder));
    smtp = new SmtpFixture(SPEC, data, CommandRegistry.standard(), policy);
    try (LogCapture log = new LogCapture();
        Dialogue d = smtp.greeted()) {
      d.script(
          DmarcQuarantineDialogueTest.message("pal@friend.example", "genuine 1")
              + DmarcQuarantineDialogueTest.message("pal@friend.example", "genuine 2")
              + forged("ceo@friend.example", "bounce@elsewhere.example"));
    }
    Path rows = onlyFile(data.resolve("dmarc"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rows)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllLines(rows)).hasSize(3);

    // the server's own-mail path (Submitter, as DSNs), from a reporter started afresh: a restart
    Submitter submitter = new Submitter(smtp.drop());
    DmarcReports afterRestart =
        new DmarcReports(
            data,
            clock,
            (site, from, to, lines) -> submitter.submit(site.router(), from, to, lines));
    afterRestart.sendEnded(smtp.site().get());
    assertThat(smtp.mailbox("north.lab", "rua")).isEmpty(); // the period has not ended
    clock.now = clock.now.plusSeconds(2);
    try (LogCapture log = new LogCapture()) {
      timer.scheduleWithFixedDelay(
          () -> afterRestart.sendEnded(smtp.site().get()), 100, 100, TimeUnit.MILLISECONDS);
      waitForLog(log, "dmarc report:", Duration.ofSeconds(10));
      List<String> inbox = smtp.mailbox("north.lab", "rua");
      assertThat(inbox).hasSize(1);
      assertThat(log.containing("dmarc report: domain=friend.example to=<rua@north.lab>"))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains("messages=3"));
      checkReport(inbox.get(0));
    }
    Thread.sleep(300);
    assertThat(smtp.mailbox("north.lab", "rua")).hasSize(1); // sent once, its rows gone
    try (Stream<Path> left = Files.list(data.resolve("dmarc"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void destinationsThatHaveNotAgreedOrAreTooSmallGetNoReport() throws Exception {
    FakeDns world =
        new FakeDns()
            .txt("stranger.example", "v=spf1 ip4:127.0.0.0/8 -all")
            .txt("_dmarc.stranger.example", "v=DMARC1; p=none; rua=mailto:rua@north.lab")
            .txt("tiny.example", "v=spf1 ip4:127.0.0.0/8 -all")
            .txt("_dmarc.tiny.example", "v=DMARC1; p=none; rua=mailto:rua@north.lab!1k")
            .txt("tiny.example._report._dmarc.north.lab", "v=DMARC1");
    List<String> sent = new java.util.ArrayList<>();
    DmarcReports reports =
        new DmarcReports(
            data,
            Clock.systemUTC(),
            (site, from, to, lines) -> {
              sent.add(to);
              return java.util.Optional.of("X");
            });
    Policy policy =
        Policy.standard().withMessageHook(new VerifyingHook(server -> world).reportingTo(reports));
    smtp = new SmtpFixture(SPEC, data, CommandRegistry.standard(), policy);
    try (LogCapture log = new LogCapture();
        Dialogue d = smtp.greeted()) {
      d.script(
          DmarcQuarantineDialogueTest.message("pal@stranger.example", "not reported")
              + DmarcQuarantineDialogueTest.message("pal@tiny.example", "too big to report"));
      // RFC 7489 7.1: north.lab never agreed to take stranger.example's reports
      assertThat(log.containing("not reporting stranger.example to rua@north.lab"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("stranger.example._report._dmarc.north.lab has no v=DMARC1"));
    }
    try (LogCapture log = new LogCapture()) {
      timer.scheduleWithFixedDelay(
          () -> reports.sendEnded(smtp.site().get()), 100, 100, TimeUnit.MILLISECONDS);
      waitForLog(log, "dmarc report:", Duration.ofSeconds(10));
      // 7.2.1.1: a report over the destination's !size limit (1k here) is not sent
      assertThat(log.containing("dmarc report:"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("domain=tiny.example to=<rua@north.lab> not sent")
                      .contains("over its limit of 1024"));
    }
    assertThat(sent).isEmpty();
  }

  @Test
  void aRowThatCannotBeWrittenDoesNotHoldUpTheMail() throws Exception {
    Files.writeString(data.resolve("dmarc"), "a file where the directory should be");
    DmarcReports reports = new DmarcReports(data, Clock.systemUTC(), (s, f, t, l) -> null);
    Policy policy =
        Policy.standard().withMessageHook(new VerifyingHook(server -> WORLD).reportingTo(reports));
    smtp = new SmtpFixture(SPEC, data, CommandRegistry.standard(), policy);
    try (LogCapture log = new LogCapture();
        Dialogue d = smtp.greeted()) {
      d.script(DmarcQuarantineDialogueTest.message("pal@friend.example", "still delivered"));
      assertThat(log.containing("dmarc: cannot record a report row for friend.example")).hasSize(1);
    }
    assertThat(smtp.mailbox("north.lab", "alice")).hasSize(1);
  }

  @Test
  void aLongerRiStretchesItsDomainsPeriodAndAShorterOneDoesNotShortenOurs() throws Exception {
    FakeDns world =
        new FakeDns()
            .txt("eager.example", "v=spf1 ip4:127.0.0.0/8 -all")
            .txt("_dmarc.eager.example", "v=DMARC1; p=none; ri=1; rua=mailto:rua@north.lab")
            .txt("eager.example._report._dmarc.north.lab", "v=DMARC1")
            .txt("slow.example", "v=spf1 ip4:127.0.0.0/8 -all")
            .txt("_dmarc.slow.example", "v=DMARC1; p=none; ri=6; rua=mailto:rua@north.lab")
            .txt("slow.example._report._dmarc.north.lab", "v=DMARC1");
    long second = java.time.Instant.now().getEpochSecond();
    long start = second - second % 6;
    LabClock clock = new LabClock(java.time.Instant.ofEpochSecond(start));
    DmarcReports reports =
        new DmarcReports(
            data,
            clock,
            (site, from, to, lines) ->
                new Submitter(smtp.drop()).submit(site.router(), from, to, lines));
    Policy policy =
        Policy.standard().withMessageHook(new VerifyingHook(server -> world).reportingTo(reports));
    smtp = new SmtpFixture(SPEC, data, CommandRegistry.standard(), policy);
    try (Dialogue d = smtp.greeted()) {
      d.script(
          DmarcQuarantineDialogueTest.message("pal@eager.example", "ri under ours")
              + DmarcQuarantineDialogueTest.message("pal@slow.example", "ri over ours"));
    }
    try (Stream<Path> files = Files.list(data.resolve("dmarc"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              start + "-" + (start + 2) + ".rows", start + "-" + (start + 6) + ".rows");
    }
    clock.now = clock.now.plusSeconds(2);
    reports.sendEnded(smtp.site().get());
    List<String> inbox = smtp.mailbox("north.lab", "rua");
    assertThat(inbox).hasSize(1); // ri=1 is more often than our 2 s: ours holds
    assertThat(inbox.get(0)).contains("Report Domain: eager.example ");
    assertThat(dateRange(inbox.get(0))).containsExactly(start, start + 2);

    clock.now = clock.now.plusSeconds(2);
    reports.sendEnded(smtp.site().get());
    assertThat(smtp.mailbox("north.lab", "rua")).hasSize(1); // slow.example's 6 s are not over
    clock.now = clock.now.plusSeconds(2);
    reports.sendEnded(smtp.site().get());
    inbox = smtp.mailbox("north.lab", "rua");
    assertThat(inbox).hasSize(2);
    assertThat(inbox.get(1)).contains("Report Domain: slow.example ");
    assertThat(dateRange(inbox.get(1))).containsExactly(start, start + 6);
  }

  /** A report mail's date_range begin and end, as its XML says. */
  private static long[] dateRange(String stored) throws Exception {
    MimeMessage m =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
    byte[] xml;
    try (InputStream in =
        new GZIPInputStream(((Multipart) m.getContent()).getBodyPart(1).getInputStream())) {
      xml = in.readAllBytes();
    }
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml));
    XPath x = XPathFactory.newInstance().newXPath();
    return new long[] {
      Long.parseLong(x.evaluate("/feedback/report_metadata/date_range/begin", doc)),
      Long.parseLong(x.evaluate("/feedback/report_metadata/date_range/end", doc))
    };
  }

  private void checkReport(String stored) throws Exception {
    MimeMessage m =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
    assertThat(m.getSubject())
        .matches(
            "Report Domain: friend\\.example Submitter: north\\.lab Report-ID: <\\d+\\.[0-9a-f]+>");
    assertThat(m.getFrom()[0].toString()).isEqualTo("dmarc-reports@north.lab");
    assertThat(stored).startsWith("Return-Path: <dmarc-reports@north.lab>");
    Part attachment = ((Multipart) m.getContent()).getBodyPart(1);
    assertThat(attachment.getContentType()).startsWith("application/gzip");
    assertThat(attachment.getFileName())
        .matches("north\\.lab!friend\\.example!(\\d+)!(\\d+)\\.xml\\.gz");
    String[] range = attachment.getFileName().split("[!.]");
    byte[] xml;
    try (InputStream in = new GZIPInputStream(attachment.getInputStream())) {
      xml = in.readAllBytes();
    }
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/dmarc/rfc7489-appendix-c.xsd"))
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(xml)));

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml));
    XPath x = XPathFactory.newInstance().newXPath();
    assertThat(x.evaluate("/feedback/report_metadata/org_name", doc)).isEqualTo("north.lab");
    assertThat(x.evaluate("/feedback/report_metadata/email", doc))
        .isEqualTo("dmarc-reports@north.lab");
    long begin = Long.parseLong(x.evaluate("/feedback/report_metadata/date_range/begin", doc));
    long end = Long.parseLong(x.evaluate("/feedback/report_metadata/date_range/end", doc));
    assertThat(end - begin).isEqualTo(2);
    assertThat(begin % 2).isZero(); // periods are aligned, as daily ones start at midnight UTC
    assertThat(range[4]).isEqualTo(Long.toString(begin)); // receiver!domain!begin!end
    assertThat(m.getSubject()).contains(x.evaluate("/feedback/report_metadata/report_id", doc));
    assertThat(x.evaluate("/feedback/policy_published/domain", doc)).isEqualTo("friend.example");
    assertThat(x.evaluate("/feedback/policy_published/p", doc)).isEqualTo("quarantine");
    assertThat(((NodeList) x.evaluate("/feedback/record", doc, XPathConstants.NODESET)).getLength())
        .isEqualTo(2);
    String genuine = "/feedback/record[row/policy_evaluated/spf='pass']";
    assertThat(x.evaluate(genuine + "/row/count", doc)).isEqualTo("2");
    assertThat(x.evaluate(genuine + "/row/source_ip", doc)).isEqualTo("127.0.0.1");
    assertThat(x.evaluate(genuine + "/row/policy_evaluated/disposition", doc)).isEqualTo("none");
    assertThat(x.evaluate(genuine + "/identifiers/envelope_from", doc)).isEqualTo("friend.example");
    assertThat(x.evaluate(genuine + "/auth_results/spf/result", doc)).isEqualTo("pass");
    String forged = "/feedback/record[row/policy_evaluated/spf='fail']";
    assertThat(x.evaluate(forged + "/row/count", doc)).isEqualTo("1");
    assertThat(x.evaluate(forged + "/row/policy_evaluated/disposition", doc))
        .isEqualTo("quarantine");
    assertThat(x.evaluate(forged + "/row/policy_evaluated/dkim", doc)).isEqualTo("fail");
    assertThat(x.evaluate(forged + "/identifiers/header_from", doc)).isEqualTo("friend.example");
    assertThat(x.evaluate(forged + "/identifiers/envelope_from", doc))
        .isEqualTo("elsewhere.example");
    assertThat(x.evaluate(forged + "/auth_results/spf/domain", doc)).isEqualTo("elsewhere.example");
    assertThat(x.evaluate(forged + "/auth_results/spf/scope", doc)).isEqualTo("mfrom");
    assertThat(x.evaluate(forged + "/auth_results/spf/result", doc)).isEqualTo("none");
  }

  /** From {@code from}, with another domain's MAIL FROM: DMARC fails, SPF has nothing to say. */
  private static String forged(String from, String mailFrom) {
    return DmarcQuarantineDialogueTest.message(mailFrom, "forged")
        .replace("C: From: " + mailFrom, "C: From: " + from);
  }

  /** Until a line with {@code text} is logged, which the reporter does after sending. */
  private static void waitForLog(LogCapture log, String text, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (log.containing(text).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static Path onlyFile(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }
}
