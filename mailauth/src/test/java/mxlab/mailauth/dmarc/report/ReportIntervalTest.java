package mxlab.mailauth.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import mxlab.mailauth.dmarc.DmarcRecord;
import org.junit.jupiter.api.Test;

/** ri= (RFC 7489 6.3) against our interval: never more often than ours, at least daily. */
class ReportIntervalTest {
  private static final Duration DAY = Duration.ofDays(1);

  private static Duration of(Duration ours, String record) {
    return ReportInterval.of(ours, DmarcRecord.parse(record).orElseThrow().reportInterval());
  }

  @Test
  void aDailyReporterStaysDailyWhateverRiAsks() {
    assertThat(of(DAY, "v=DMARC1; p=none")).isEqualTo(DAY);
    assertThat(of(DAY, "v=DMARC1; p=none; ri=3600")).isEqualTo(DAY); // hourly: best effort
    assertThat(of(DAY, "v=DMARC1; p=none; ri=604800")).isEqualTo(DAY); // weekly: daily still
  }

  @Test
  void aShortIntervalStretchesToALongerRiUpToADay() {
    Duration ours = Duration.ofMinutes(10);
    assertThat(of(ours, "v=DMARC1; p=none")).isEqualTo(ours);
    assertThat(of(ours, "v=DMARC1; p=none; ri=60")).isEqualTo(ours);
    assertThat(of(ours, "v=DMARC1; p=none; ri=3600")).isEqualTo(Duration.ofHours(1));
    assertThat(of(ours, "v=DMARC1; p=none; ri=604800")).isEqualTo(DAY);
  }

  @Test
  void anIntervalLongerThanADayIsKept() {
    Duration week = Duration.ofDays(7);
    assertThat(of(week, "v=DMARC1; p=none; ri=3600")).isEqualTo(week);
    assertThat(ReportInterval.of(week, Optional.of(Duration.ofDays(30)))).isEqualTo(week);
  }

  @Test
  void anUnreadableRiIsNoRequestAndTheRecordStillHolds() {
    assertThat(DmarcRecord.parse("v=DMARC1; p=reject; ri=86400").orElseThrow().reportInterval())
        .contains(DAY);
    for (String ri : new String[] {"0", "-5", "1h", "4294967296", ""}) {
      assertThat(DmarcRecord.parse("v=DMARC1; p=reject; ri=" + ri))
          .as("ri=%s", ri)
          .get()
          .satisfies(r -> assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.REJECT))
          .satisfies(r -> assertThat(r.reportInterval()).isEmpty());
    }
    assertThat(DmarcRecord.parse("v=DMARC1; p=none; ri=4294967295").orElseThrow().reportInterval())
        .contains(Duration.ofSeconds(4294967295L));
  }
}
