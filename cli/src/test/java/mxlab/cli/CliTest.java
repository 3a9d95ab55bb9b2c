package mxlab.cli;

import static mxlab.core.spec.SpecFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import mxlab.core.spec.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void validateAcceptsAGoodSpec() throws Exception {
    Path spec = write("lab.yaml", minimal(""));
    CliRun r = CliRun.of("validate", spec.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("lab.yaml is valid: 1 domains, 2 users, 1 zones");
  }

  @Test
  void validateListsEveryErrorWithPositionsAndExitsOne() throws Exception {
    Path spec =
        write(
            "bad.yaml",
            minimal("    aliases: { admin: nobody }\n") + "server: { listen: nowhere }\n");
    CliRun r = CliRun.of("validate", spec.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err())
        .contains("bad.yaml:8:23: error: admin@bann.com points to nobody@bann.com")
        .contains("bad.yaml:9:19: error: server.listen 'nowhere' is not an IP address")
        .contains("bad.yaml: 2 errors; nothing was started")
        .doesNotContain("Exception");
  }

  @Test
  void warningsGoToStderrButDoNotFail() throws Exception {
    Path spec = write("w.yaml", minimal("      - { name: clear, password: secret }\n"));
    CliRun r = CliRun.of("validate", spec.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("warning: the password of clear@bann.com is stored in clear");
  }

  @Test
  void anMtaStsPolicyWithHttpsOffIsWarnedAboutAndLeftOutOfTheZone() throws Exception {
    Path spec = write("sts.yaml", minimal("    mta_sts: enforce\n"));
    CliRun r = CliRun.of("validate", spec.toString(), "--ports", "https=off");
    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .contains("warning: bann.com: mta_sts: enforce needs the https service, which is off");
    CliRun zone =
        CliRun.of("zone", spec.toString(), "--domain", "bann.com", "--ports", "https=off");
    assertThat(zone.out())
        .contains("autoconfig")
        .doesNotContain("_mta-sts")
        .doesNotContain("mta-sts.");
    CliRun on = CliRun.of("validate", spec.toString());
    assertThat(on.err()).doesNotContain("mta_sts");
  }

  @Test
  void zonePrintsMasterFilesAndWritesThem() throws Exception {
    Path spec = write("lab.yaml", minimal(""));
    CliRun printed = CliRun.of("zone", spec.toString(), "--domain", "bann.com");
    assertThat(printed.exit()).isZero();
    assertThat(printed.out()).contains("$ORIGIN bann.com.").contains("IN\tMX\t10 mail.bann.com.");
    CliRun written = CliRun.of("zone", spec.toString(), "--out", dir.resolve("z").toString());
    assertThat(written.exit()).isZero();
    assertThat(dir.resolve("z/db.bann.com")).exists();
    CliRun missing = CliRun.of("zone", spec.toString(), "--domain", "other.org");
    assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("has no such zone");
  }

  @Test
  void portsOverridesNameTheElevenServices() throws Exception {
    Path spec = write("lab.yaml", minimal(""));
    CliRun r = CliRun.of("up", spec.toString(), "--ports", "dns=0,nntp=119");
    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("unknown service 'nntp'")
        .contains("dns, smtp, submission, submissions, pop3, pop3s, imap, imaps, http, https, ssh");
    CliRun bad = CliRun.of("up", spec.toString(), "--ports", "smtp=99999");
    assertThat(bad.err()).contains("needs a port from 0 to 65535 or 'off'");
  }

  @Test
  void upSaysWhichPortIsTakenAndLeavesNothingRunning() throws Exception {
    Path spec = write("lab.yaml", minimal(""));
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      // UDP is free but TCP on the same port is not: DNS must fail and release its UDP socket.
      CliRun r =
          CliRun.of(
              "up",
              spec.toString(),
              "--ports",
              "dns=" + port + otherServicesOff(Service.DNS),
              "--data-dir",
              dir.resolve("data").toString());
      assertThat(r.exit()).isEqualTo(ExitCode.UNAVAILABLE);
      assertThat(r.err())
          .contains("cannot listen for dns on 127.0.0.1:" + port)
          .contains("already in use")
          .contains("--ports dns=")
          .contains("nothing was left running");
      try (java.net.DatagramSocket udp =
          new java.net.DatagramSocket(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
        assertThat(udp.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void versionHelpAndCompletion() {
    assertThat(CliRun.of("version").out()).startsWith("mxlab ");
    assertThat(CliRun.of("--version").out()).contains("Java ");
    CliRun help = CliRun.of("--help");
    assertThat(help.out()).contains("up", "validate", "zone", "passwd", "completion");
    assertThat(CliRun.of("up", "--help").out()).contains("--ports", "--listen", "--data-dir");
    assertThat(CliRun.of("completion").out()).contains("complete -F").contains("mxlab");
    assertThat(CliRun.of("frobnicate").exit()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void missingSpecFileIsAClearError() {
    CliRun r = CliRun.of("validate", dir.resolve("nope.yaml").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err()).contains("nope.yaml: error: no such file");
  }

  /**
   * ",smtp=off,..." for every service but {@code kept}, so the test binds only what it means to.
   */
  private static String otherServicesOff(Service kept) {
    return Arrays.stream(Service.values())
        .filter(s -> s != kept)
        .map(s -> "," + s.specName() + "=off")
        .collect(Collectors.joining());
  }
}
