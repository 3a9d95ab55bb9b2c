package mxlab.mailauth.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A row survives its line on disk, whatever its values hold; a torn line is skipped. */
class ReportRowTest {
  @Test
  void aRowReadsBackFromItsLine() {
    ReportRow row =
        new ReportRow(
            "friend.example",
            List.of("mailto:rua@north.lab!10m", "mailto:a%2Cb@x.example"),
            new ReportRow.Published("r", "s", "quarantine", "none", 50, "1:d"),
            "2001:db8::1",
            "quarantine",
            "fail",
            "pass",
            "sampled_out",
            "friend.example",
            "",
            List.of(
                new ReportRow.DkimAuth("friend.example", "s1", "pass"),
                new ReportRow.DkimAuth("x.example", "", "fail")),
            new ReportRow.SpfAuth("mail.x/y example", "helo", "none"));
    assertThat(ReportRow.parse(row.line())).contains(row);
    String line = row.line();
    assertThat(ReportRow.parse(line.substring(0, line.length() / 2))).isEmpty();
    ReportRow bare =
        new ReportRow(
            "d.example",
            List.of("mailto:r@d.example"),
            new ReportRow.Published("r", "r", "none", "none", 100, "0"),
            "192.0.2.1",
            "none",
            "pass",
            "fail",
            "",
            "d.example",
            "d.example",
            List.of(),
            new ReportRow.SpfAuth("d.example", "mfrom", "pass"));
    assertThat(ReportRow.parse(bare.line())).contains(bare);
  }

  @Test
  void ruaUrisCarryTheirSizeLimit() {
    assertThat(ReportUri.parse("mailto:rua@north.lab!10m"))
        .contains(new ReportUri("rua@north.lab", "north.lab", 10L << 20));
    assertThat(ReportUri.parse("MAILTO:Rua@North.Lab"))
        .contains(new ReportUri("Rua@north.lab", "north.lab", Long.MAX_VALUE));
    assertThat(ReportUri.parse("mailto:r@x.example!500"))
        .get()
        .extracting(ReportUri::maxSize)
        .isEqualTo(500L);
    assertThat(ReportUri.parse("https://x.example/rua")).isEmpty();
    assertThat(ReportUri.parse("mailto:r@x.example!lots")).isEmpty();
  }

  @Test
  void ipv6SourcesAreWrittenInFullForTheSchemaPattern() {
    assertThat(FeedbackXml.sourceIp("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(FeedbackXml.sourceIp("192.0.2.1")).isEqualTo("192.0.2.1");
  }
}
