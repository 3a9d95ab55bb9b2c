package mxlab.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mxlab.mailauth.DmarcAggregateReportTest.LabClock;
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

/**
 * Aggregate reports across crashes, over real sockets and the server's own-mail path: mail from
 * three policy domains arrives, then the reporter dies part-way through a cycle (a crash simulated
 * by an Error out of the queue) or one report fails; a reporter started afresh over the same
 * data_dir finishes the cycle: every report reaches the rua mailbox, none twice, each under the
 * report ID it had. A row file a crash tore still gives its report, less the torn row.
 */
class DmarcReportRecoveryTest {
  static final List<String> DOMAINS = List.of("one.example", "two.example", "three.example");

  static final FakeDns WORLD = world();

  private static FakeDns world() {
    FakeDns dns = new FakeDns();
    for (String d : DOMAINS) {
      dns.txt(d, "v=spf1 ip4:127.0.0.0/8 -all")
          .txt("_dmarc." + d, "v=DMARC1; p=none; rua=mailto:rua@north.lab")
          .txt(d + "._report._dmarc.north.lab", "v=DMARC1");
    }
    return dns;
  }

  /** The process dying: nothing in the reporter catches it, as nothing runs after a crash. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash");
    }
  }

  @TempDir Path data;
  SmtpFixture smtp;
  LabClock clock;

  @AfterEach
  void stop() {
    if (smtp != null) {
      smtp.close();
    }
  }

  /** One message from each domain, early in a 2-second period, recorded over SMTP. */
  private void mailFromEachDomain() throws Exception {
    long second = Instant.now().getEpochSecond();
    clock = new LabClock(Instant.ofEpochSecond(second - second % 2));
    DmarcReports recorder = new DmarcReports(data, clock, (s, f, t, l) -> Optional.empty());
    Policy policy =
        Policy.standard().withMessageHook(new VerifyingHook(server -> WORLD).reportingTo(recorder));
    smtp = new SmtpFixture(DmarcAggregateReportTest.SPEC, data, CommandRegistry.standard(), policy);
    StringBuilder script = new StringBuilder();
    for (String d : DOMAINS) {
      script.append(DmarcQuarantineDialogueTest.message("pal@" + d, "from " + d));
    }
    try (Dialogue d = smtp.greeted()) {
      d.script(script.toString());
    }
    clock.now = clock.now.plusSeconds(2); // the period ends
  }

  /** The queue as the server has it; {@code before} runs first and may throw, as a crash. */
  private DmarcReports reporter(Before before) {
    Submitter submitter = new Submitter(smtp.drop());
    return new DmarcReports(
        data,
        clock,
        (site, from, to, lines) -> {
          before.run(lines);
          return submitter.submit(site.router(), from, to, lines);
        });
  }

  @FunctionalInterface
  interface Before {
    void run(List<String> lines) throws IOException;
  }

  @Test
  void aCycleCutShortAfterOneReportIsFinishedWithoutSendingItAgain() throws Exception {
    mailFromEachDomain();
    int[] calls = {0};
    DmarcReports dying =
        reporter(
            lines -> {
              if (++calls[0] == 2) {
                throw new SimulatedCrash(); // after the first report was queued
              }
            });
    assertThatThrownBy(() -> dying.sendEnded(smtp.site().get())).isInstanceOf(SimulatedCrash.class);
    Map<String, String> first = reportIds(smtp.mailbox("north.lab", "rua"));
    assertThat(first).hasSize(1);

    reporter(lines -> {}).sendEnded(smtp.site().get()); // the restart
    List<String> inbox = smtp.mailbox("north.lab", "rua");
    assertThat(inbox).hasSize(3); // nothing twice, nothing lost
    Map<String, String> all = reportIds(inbox);
    assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(DOMAINS);
    assertThat(all).containsAllEntriesOf(first);
    assertThat(all.values()).doesNotHaveDuplicates(); // each report its own ID
    assertNothingLeft();
  }

  @Test
  void aCrashAfterTheQueueTookAReportSendsItAgainUnderTheSameId() throws Exception {
    mailFromEachDomain();
    Submitter submitter = new Submitter(smtp.drop());
    DmarcReports dying =
        new DmarcReports(
            data,
            clock,
            (site, from, to, lines) -> {
              submitter.submit(site.router(), from, to, lines);
              throw new SimulatedCrash(); // before the journal says it was queued
            });
    assertThatThrownBy(() -> dying.sendEnded(smtp.site().get())).isInstanceOf(SimulatedCrash.class);
    List<String> before = smtp.mailbox("north.lab", "rua");
    assertThat(before).hasSize(1);

    reporter(lines -> {}).sendEnded(smtp.site().get());
    List<String> inbox = smtp.mailbox("north.lab", "rua");
    // the one report in the crash's window comes twice, identical for a receiver to de-duplicate
    assertThat(inbox).hasSize(4);
    String again = messageId(before.get(0));
    assertThat(inbox.stream().filter(m -> messageId(m).equals(again))).hasSize(2);
    assertThat(reportIds(inbox).keySet()).containsExactlyInAnyOrderElementsOf(DOMAINS);
    assertNothingLeft();
  }

  @Test
  void oneReportFailingLeavesTheOthersSentAndIsTriedAgainLater() throws Exception {
    mailFromEachDomain();
    boolean[] fail = {true};
    DmarcReports reports =
        reporter(
            lines -> {
              if (fail[0] && String.join("\n", lines).contains("Report Domain: two.example ")) {
                throw new IOException("queue full");
              }
            });
    try (LogCapture log = new LogCapture()) {
      reports.sendEnded(smtp.site().get());
      assertThat(log.containing("dmarc: cannot queue report"))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains("for two.example"));
    }
    assertThat(reportIds(smtp.mailbox("north.lab", "rua")).keySet())
        .containsExactlyInAnyOrder("one.example", "three.example");
    fail[0] = false;
    reports.sendEnded(smtp.site().get());
    assertThat(smtp.mailbox("north.lab", "rua")).hasSize(2); // not before a minute has passed
    clock.now = clock.now.plusSeconds(60);
    reports.sendEnded(smtp.site().get());
    List<String> inbox = smtp.mailbox("north.lab", "rua");
    assertThat(inbox).hasSize(3);
    assertThat(reportIds(inbox).keySet()).containsExactlyInAnyOrderElementsOf(DOMAINS);
    assertNothingLeft();
  }

  @Test
  void aRowFileTornByACrashStillGivesItsReportLessTheTornRow() throws Exception {
    mailFromEachDomain();
    Path rows;
    try (Stream<Path> files = Files.list(data.resolve("dmarc"))) {
      rows = files.findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(rows);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).contains("three.example");
    try (FileChannel ch = FileChannel.open(rows, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 9); // the last row's write was cut short
    }
    try (LogCapture log = new LogCapture()) {
      reporter(l -> {}).sendEnded(smtp.site().get());
      assertThat(log.containing("skipped 1 damaged row(s)"))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains("reporting the other 2"));
    }
    assertThat(reportIds(smtp.mailbox("north.lab", "rua")).keySet())
        .containsExactlyInAnyOrder("one.example", "two.example");
    assertNothingLeft();
  }

  private static final Pattern SUBJECT =
      Pattern.compile("Subject: Report Domain: (\\S+) Submitter: north\\.lab Report-ID: <(\\S+)>");

  /** Policy domain to report ID, over the report mails; a domain twice must keep its ID. */
  private static Map<String, String> reportIds(List<String> inbox) {
    Map<String, String> ids = new TreeMap<>();
    for (String m : inbox) {
      Matcher s = SUBJECT.matcher(m);
      assertThat(s.find()).as("a report's Subject in %s", m).isTrue();
      String had = ids.put(s.group(1), s.group(2));
      assertThat(had).isIn(null, s.group(2));
    }
    return ids;
  }

  private static String messageId(String message) {
    Matcher m = Pattern.compile("Message-ID: (<\\S+>)").matcher(message);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private void assertNothingLeft() throws IOException {
    try (Stream<Path> left = Files.list(data.resolve("dmarc"))) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).isEmpty();
    }
  }
}
