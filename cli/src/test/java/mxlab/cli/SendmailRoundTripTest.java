package mxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * spec → export --to sendmail (and bind, for the zones) → import → a spec that means the same: the
 * same domains, users, passwords, aliases, forwards, catch-alls, zones (DKIM selectors and
 * algorithms too), virtual, access and relay domains, and the server settings sendmail.mc holds.
 */
class SendmailRoundTripTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../examples/bann.com.yaml",
        "../examples/classroom.yaml",
        "src/test/resources/bridge/rich.yaml",
        "src/test/resources/bridge/dkim.yaml"
      })
  void importOfTheExportMeansTheSame(String file, @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    for (String target : new String[] {"sendmail", "bind"}) {
      CliRun export =
          CliRun.of(
              "export",
              "--to",
              target,
              "--out",
              dir.resolve(target).toString(),
              "--data-dir",
              data.toString(),
              file);
      assertThat(export.exit()).as(export.err()).isZero();
    }
    CliRun imported =
        CliRun.of(
            "import",
            "--from",
            "sendmail",
            dir.resolve("sendmail").toString(),
            "--zones",
            dir.resolve("bind").toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.err()).as("nothing of a spec is lost").doesNotContain("not imported");
    Path copy = dir.resolve("imported.yaml");
    Files.writeString(copy, imported.out());

    Spec original = SpecLoader.load(Path.of(file)).spec();
    Spec back = SpecLoader.load(copy).spec();
    assertThat(back.domains()).isEqualTo(original.domains());
    assertThat(back.virtual()).isEqualTo(original.virtual());
    assertThat(back.access()).isEqualTo(original.access());
    assertThat(back.relayDomains()).isEqualTo(original.relayDomains());
    assertSameMailServer(back.server(), original.server(), data);
  }

  /** What sendmail.mc holds; POP3, DNS, SSH and mxlab's own limits are not sendmail's. */
  private static void assertSameMailServer(Server back, Server original, Path data) {
    assertThat(back.hostname()).isEqualTo(original.hostname());
    assertThat(back.listen()).isEqualTo(original.listen());
    for (Service s : new Service[] {Service.SMTP, Service.SUBMISSION, Service.SUBMISSIONS}) {
      assertThat(back.ports().enabled(s)).as(s.name()).isEqualTo(original.ports().enabled(s));
      if (original.ports().enabled(s)) {
        assertThat(back.ports().port(s)).as(s.name()).isEqualTo(original.ports().port(s));
      }
    }
    assertThat(back.maxMessageSize()).isEqualTo(original.maxMessageSize());
    assertThat(back.queue().warnAfter()).isEqualTo(original.queue().warnAfter());
    assertThat(back.queue().returnAfter()).isEqualTo(original.queue().returnAfter());
    assertThat(back.queue().minBackoff()).isEqualTo(original.queue().minBackoff());
    assertThat(back.mailerDaemon()).isEqualTo(original.mailerDaemon());
    assertThat(back.postmaster()).isEqualTo(original.postmaster());
    assertThat(back.allowPlaintextAuth()).isEqualTo(original.allowPlaintextAuth());
    assertThat(back.relayhost()).isEqualTo(original.relayhost());
    assertThat(back.remotePort()).isEqualTo(original.remotePort());
    assertThat(back.limits().connections()).isEqualTo(original.limits().connections());
    assertThat(back.limits().connectionsPerIp()).isEqualTo(original.limits().connectionsPerIp());
    assertThat(back.limits().maxRecipients()).isEqualTo(original.limits().maxRecipients());
    assertThat(back.limits().commandTimeout()).isEqualTo(original.limits().commandTimeout());
    assertThat(back.limits().dataTimeout()).isEqualTo(original.limits().dataTimeout());
    // the same certificate: mxlab's own self-signed one, now named by its files
    assertThat(back.tls().cert()).isEqualTo(data.resolve("tls/cert.pem"));
  }
}
