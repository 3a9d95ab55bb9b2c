package mxlab.core.spec;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.report;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import mxlab.core.spec.read.SpecLoader;
import mxlab.core.spec.write.SpecWriter;
import org.junit.jupiter.api.Test;

/**
 * The spec's {@code dkim} per domain and {@code server.mail_auth}: defaults, errors, round trip.
 */
class MailAuthSpecTest {
  @Test
  void everyDomainSignsWithAnRsaKeyUnderSelectorMxlabAndDmarcIsReported() {
    Spec s = spec(minimal(""));
    Dkim dkim = s.domain("bann.com").orElseThrow().dkim();
    assertThat(dkim.signingKeys()).containsExactly(new Dkim.Key("mxlab", Dkim.KeyType.RSA));
    assertThat(s.server().mailAuth()).isEqualTo(new MailAuth(true, false));
  }

  @Test
  void bothAlgorithmsSignUnderTwoSelectorsAndRetiredOnesAreKept() {
    Spec s =
        spec(
            minimal("    dkim: { selector: s2026, algorithm: both, retired: [s2025] }\n")
                .replace(
                    "version: 1\n", "version: 1\nserver: { mail_auth: { dmarc: enforce } }\n"));
    Dkim dkim = s.domain("bann.com").orElseThrow().dkim();
    assertThat(dkim.signingKeys())
        .containsExactly(
            new Dkim.Key("s2026-rsa", Dkim.KeyType.RSA),
            new Dkim.Key("s2026-ed25519", Dkim.KeyType.ED25519));
    assertThat(dkim.retired()).containsExactly("s2025");
    assertThat(s.server().mailAuth().enforceDmarc()).isTrue();
    assertThat(spec(minimal("    dkim: false\n")).domain("bann.com").orElseThrow().dkim().signs())
        .isFalse();
  }

  @Test
  void mistakesAreReportedWithPositionsAndFixes() {
    String out =
        report(
            minimal("    dkim: { selector: \"my selector\", algorithm: dsa, retierd: [] }\n")
                .replace("version: 1\n", "version: 1\nserver: { mail_auth: { dmarc: strict } }\n"));
    assertThat(out)
        .contains("t.yaml:2:31: error: server.mail_auth.dmarc 'strict' is not report or enforce")
        .contains("write 'dmarc: enforce'")
        .contains(
            "t.yaml:9:23: error: domain bann.com: dkim selector 'my selector' is not a selector")
        .contains("error: domain bann.com: dkim algorithm 'dsa' is not known")
        .contains("write rsa-2048, ed25519 or both")
        .contains("unknown key 'retierd'");
    assertThat(report(minimal("    dkim: yes please\n")))
        .contains("dkim must be false or a mapping");
    assertThat(report(minimal("    dkim: { selector: a, retired: [a] }\n")))
        .contains("dkim selector a is both in use and retired");
    // a bad retired selector is reported at its own list item, not at the retired key
    assertThat(report(minimal("    dkim: { selector: a, retired: [ok, \"b c\"] }\n")))
        .contains("t.yaml:8:40: error: domain bann.com: dkim retired 'b c' is not a selector");
  }

  @Test
  void theWriterLeavesDefaultsOutAndWritesTheRestBack() throws Exception {
    String yaml =
        minimal("    dkim: { selector: s1, algorithm: ed25519, retired: [old] }\n")
                .replace(
                    "version: 1\n",
                    "version: 1\nserver: { mail_auth: { verify: false, dmarc: enforce } }\n")
            + "  - name: quiet.org\n    hosts: { mail: 192.168.0.7 }\n    dkim: false\n"
            + "  - name: plain.org\n    hosts: { mail: 192.168.0.8 }\n";
    Spec s = spec(yaml);
    String written = SpecWriter.write(s, Path.of("/tmp"));
    assertThat(written)
        .contains("  mail_auth: { verify: false, dmarc: enforce }\n")
        .contains("    dkim: { selector: s1, algorithm: ed25519, retired: [old] }\n")
        .contains("    dkim: false\n");
    assertThat(written.split("name: plain.org")[1]).doesNotContain("dkim");
    Spec again = SpecLoader.parse("again.yaml", written, Path.of("/tmp")).spec();
    assertThat(again.server().mailAuth()).isEqualTo(s.server().mailAuth());
    assertThat(again.domains().stream().map(Domain::dkim).toList())
        .isEqualTo(s.domains().stream().map(Domain::dkim).toList());
    assertThat(List.of(again.domains().size())).containsExactly(3);
  }

  @Test
  void dmarcReportsAreOnDailyFromTheHostDomainAndCanBeTunedOrTurnedOff() throws Exception {
    MailAuth.DmarcReports d = spec(minimal("")).server().mailAuth().reports();
    assertThat(d).isEqualTo(MailAuth.DmarcReports.defaults());
    assertThat(d.interval()).isEqualTo(java.time.Duration.ofDays(1));
    assertThat(d.address("mail.bann.com")).isEqualTo("dmarc-reports@bann.com");
    assertThat(d.address("bann.com")).isEqualTo("dmarc-reports@bann.com");
    String tuned =
        minimal("")
            .replace(
                "version: 1\n",
                "version: 1\nserver:\n  mail_auth:\n    dmarc_reports: { interval: 1m, from:"
                    + " reports@bann.com }\n");
    Spec s = spec(tuned);
    assertThat(s.server().mailAuth().reports())
        .isEqualTo(
            new MailAuth.DmarcReports(true, java.time.Duration.ofMinutes(1), "reports@bann.com"));
    String written = SpecWriter.write(s, Path.of("/tmp"));
    assertThat(written).contains("dmarc_reports: { interval: 1m, from: reports@bann.com }");
    Spec again = SpecLoader.parse("again.yaml", written, Path.of("/tmp")).spec();
    assertThat(again.server().mailAuth()).isEqualTo(s.server().mailAuth());

    Spec off =
        spec(
            minimal("")
                .replace(
                    "version: 1\n", "version: 1\nserver: { mail_auth: { dmarc_reports: off } }\n"));
    assertThat(off.server().mailAuth().reports().enabled()).isFalse();
    String offWritten = SpecWriter.write(off, Path.of("/tmp"));
    assertThat(
            SpecLoader.parse("again.yaml", offWritten, Path.of("/tmp")).spec().server().mailAuth())
        .isEqualTo(off.server().mailAuth());
  }

  @Test
  void badDmarcReportSettingsNameTheirPlace() {
    assertThat(
            report(
                minimal("")
                    .replace(
                        "version: 1\n",
                        "version: 1\nserver: { mail_auth: { dmarc_reports: { interval: 0s } } }\n")))
        .contains(
            "t.yaml:2:51: error: server.mail_auth.dmarc_reports.interval must be from 1s to 7d");
    assertThat(
            report(
                minimal("")
                    .replace(
                        "version: 1\n",
                        "version: 1\nserver: { mail_auth: { dmarc_reports: { interval: soon,"
                            + " from: nobody } } }\n")))
        .contains("t.yaml:2:51: error: server.mail_auth.dmarc_reports.interval is not a duration")
        .contains("error: server.mail_auth.dmarc_reports.from: 'nobody' is not a mail address");
    assertThat(
            report(
                minimal("")
                    .replace(
                        "version: 1\n",
                        "version: 1\nserver: { mail_auth: { dmarc_reports: weekly } }\n")))
        .contains(
            "t.yaml:2:39: error: server.mail_auth.dmarc_reports 'weekly' is not off or a mapping");
  }
}
