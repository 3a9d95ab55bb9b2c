package mxlab.mailauth.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import mxlab.core.store.SyncBatcher;
import mxlab.smtp.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row store after a crash: a row whose write was cut short (or left as zeros) is skipped with
 * one log line and never joins the row appended after the restart; the others are all reported.
 */
class RowFileTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);

  @TempDir Path data;

  static ReportRow row(String domain) {
    return new ReportRow(
        domain,
        List.of("mailto:r@" + domain),
        new ReportRow.Published("r", "r", "none", "none", 100, "0"),
        "192.0.2.1",
        "none",
        "pass",
        "pass",
        "",
        domain,
        domain,
        List.of(),
        new ReportRow.SpfAuth(domain, "mfrom", "pass"));
  }

  private Path rowsFile() throws Exception {
    try (Stream<Path> files = Files.list(data.resolve("dmarc"))) {
      return files.filter(f -> f.toString().endsWith(".rows")).findFirst().orElseThrow();
    }
  }

  @Test
  void aRowTornByACrashIsCutOffBeforeTheNextAppendAndNeverCounted() throws Exception {
    RowStore store = new RowStore(data, new SyncBatcher());
    store.append(CLOCK, Duration.ofDays(1), row("a.example"));
    store.append(CLOCK, Duration.ofDays(1), row("b.example"));
    Path file = rowsFile();
    String torn = row("torn.example").line();
    // the crash: a prefix of the third row that would parse, the end of its last field missing
    Files.writeString(file, torn.substring(0, torn.length() - 2), StandardOpenOption.APPEND);
    assertThat(ReportRow.parse(torn.substring(0, torn.length() - 2))).isPresent();

    RowStore restarted = new RowStore(data, new SyncBatcher());
    try (LogCapture log = new LogCapture()) {
      restarted.append(CLOCK, Duration.ofDays(1), row("c.example"));
      assertThat(log.containing("dropping " + (torn.length() - 2) + " octets")).hasSize(1);
    }
    assertThat(Files.readAllLines(file))
        .containsExactly(row("a.example").line(), row("b.example").line(), row("c.example").line());
    try (LogCapture log = new LogCapture()) {
      assertThat(RowFile.read(file).stream().map(ReportRow::policyDomain))
          .containsExactly("a.example", "b.example", "c.example");
      assertThat(log.containing("damaged")).isEmpty();
    }
  }

  @Test
  void aReaderSkipsZerosAndGarbleWithOneLogLine() throws Exception {
    RowStore store = new RowStore(data, new SyncBatcher());
    store.append(CLOCK, Duration.ofDays(1), row("a.example"));
    Path file = rowsFile();
    Files.write(file, "1 garbled\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    store.append(CLOCK, Duration.ofDays(1), row("b.example"));
    // a file system that grew the file but never wrote the data: zeros, no newline
    Files.write(file, new byte[300], StandardOpenOption.APPEND);

    ClaimedRows claimed = store.claim(store.ended(Clock.offset(CLOCK, Duration.ofDays(1))).get(0));
    try (LogCapture log = new LogCapture()) {
      assertThat(claimed.rows().stream().map(ReportRow::policyDomain))
          .containsExactly("a.example", "b.example");
      assertThat(log.containing("dmarc:"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("skipped 2 damaged row(s)")
                      .contains("reporting the other 2"));
    }
  }

  @Test
  void aClaimTakesTheRowsAsideSoNewRowsStartAnotherFile() throws Exception {
    RowStore store = new RowStore(data, new SyncBatcher());
    store.append(CLOCK, Duration.ofHours(1), row("a.example"));
    Clock later = Clock.offset(CLOCK, Duration.ofHours(1));
    assertThat(store.ended(CLOCK)).isEmpty();
    RowStore.Period period = store.ended(later).get(0);
    assertThat(period.end().getEpochSecond() - period.begin().getEpochSecond()).isEqualTo(3600);
    assertThat(period.begin().getEpochSecond() % 3600).isZero();
    ClaimedRows claimed = store.claim(period);
    store.append(later, Duration.ofHours(1), row("b.example"));

    assertThat(store.ended(later)).isEmpty();
    assertThat(store.claimed()).containsExactly(claimed);
    assertThat(claimed.rows()).containsExactly(row("a.example"));
    // the same report ID each time these rows are reported; another claim's differ
    assertThat(claimed.reportId("a.example", "r@a.example"))
        .isEqualTo(
            ClaimedRows.of(claimed.file()).orElseThrow().reportId("a.example", "r@a.example"))
        .startsWith(period.begin().getEpochSecond() + ".")
        .isNotEqualTo(claimed.reportId("a.example", "s@a.example"));
    // rows for a period already claimed (a clock set back): claimed again, under other IDs
    store.append(CLOCK, Duration.ofHours(1), row("a.example"));
    ClaimedRows again = store.claim(store.ended(later).get(0));
    assertThat(again.period()).isEqualTo(period);
    assertThat(again.reportId("a.example", "r@a.example"))
        .isNotEqualTo(claimed.reportId("a.example", "r@a.example"));
    assertThat(store.claimed()).containsExactlyInAnyOrder(claimed, again);
  }

  @Test
  void aJournalWhosePeriodIsGoneIsRemovedAndOneInUseKept() throws Exception {
    RowStore store = new RowStore(data, new SyncBatcher());
    store.append(CLOCK, Duration.ofHours(1), row("a.example"));
    ClaimedRows claimed = store.claim(store.ended(Clock.offset(CLOCK, Duration.ofHours(1))).get(0));
    claimed.journal().add("id-1", new SyncBatcher());
    // a crash between removing a finished period's rows and its journal
    Path orphan = data.resolve("dmarc/999-1000.0123456789abcdef" + QueuedJournal.SUFFIX);
    Files.writeString(orphan, "id-0\n");

    assertThat(store.claimed()).containsExactly(claimed);
    assertThat(orphan).doesNotExist();
    assertThat(claimed.journal().done()).containsExactly("id-1");
    store.remove(claimed);
    try (Stream<Path> left = Files.list(data.resolve("dmarc"))) {
      assertThat(left).isEmpty();
    }
  }
}
