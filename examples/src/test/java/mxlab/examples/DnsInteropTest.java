package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dig against `mxlab up examples/bann.com.yaml` on a free port. */
class DnsInteropTest {
  @TempDir static Path data;
  private static MxlabProcess mxlab;

  @BeforeAll
  static void up() throws Exception {
    Tools.require("dig");
    mxlab = MxlabProcess.tutorial(data, "dns=0");
  }

  @AfterAll
  static void down() throws Exception {
    if (mxlab != null) {
      assertThat(mxlab.stop()).as("exit status after SIGTERM").isZero();
    }
  }

  @Test
  void upPrintsItsTableNotTheLoggersOwnStatus() {
    // logback prints its configuration status when logback.xml has a warning: not for a user
    assertThat(mxlab.output()).contains("Stop with Ctrl-C.").doesNotContain("ch.qos.logback");
  }

  private static String dig(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p"));
    command.add(String.valueOf(mxlab.port("dns")));
    command.addAll(List.of("+time=2", "+tries=1"));
    command.addAll(List.of(args));
    return Tools.run(command).ok().out();
  }

  @Test
  void mxOfTheTutorialDomain() throws Exception {
    assertThat(dig("+short", "bann.com", "MX").trim()).isEqualTo("10 mail.bann.com.");
    assertThat(dig("+short", "mail.bann.com", "A").trim()).isEqualTo("192.168.0.100");
    assertThat(dig("+short", "-x", "192.168.0.100").trim()).isEqualTo("mail.bann.com.");
    String full = dig("bann.com", "MX");
    assertThat(full).contains("status: NOERROR").contains("flags: qr aa rd;");
    assertThat(full).contains("mail.bann.com.\t\t3600\tIN\tA\t192.168.0.100");
  }

  @Test
  void defaultRecordsForMailClients() throws Exception {
    assertThat(dig("+short", "bann.com", "TXT")).contains("\"v=spf1 mx -all\"");
    assertThat(dig("+short", "_dmarc.bann.com", "TXT")).contains("v=DMARC1; p=none");
    // This run has SMTP off: RFC 6186 says so with the target "."
    assertThat(dig("+short", "_submission._tcp.bann.com", "SRV").trim()).isEqualTo("0 0 0 .");
  }

  @Test
  void notAnOpenResolver() throws Exception {
    String out = dig("www.google.com", "A");
    assertThat(out).contains("status: REFUSED").doesNotContain("ANSWER SECTION");
    assertThat(out).contains("WARNING: recursion requested but not available");
  }

  @Test
  void negativeAnswersOverUdpAndTcp() throws Exception {
    assertThat(dig("nobody.bann.com", "A")).contains("status: NXDOMAIN").contains("SOA");
    assertThat(dig("+tcp", "nobody.bann.com", "A")).contains("status: NXDOMAIN");
    assertThat(dig("+tcp", "bann.com", "AXFR")).contains("Transfer failed");
  }

  @Test
  void zoneFilesLoadInBind(@TempDir Path out) throws Exception {
    Tools.require("named-checkconf");
    for (String spec : List.of("bann.com.yaml", "classroom.yaml")) {
      Tools.run(
              List.of(
                  "java",
                  "-jar",
                  MxlabProcess.JAR.toString(),
                  "zone",
                  spec,
                  "--out",
                  out.toString(),
                  "--data-dir",
                  data.toString()))
          .ok();
    }
    // One named-checkconf -z over every zone file is what BIND itself would load.
    StringBuilder conf = new StringBuilder();
    List<Path> zones;
    try (var files = Files.list(out)) {
      zones = files.filter(f -> f.getFileName().toString().startsWith("db.")).toList();
    }
    assertThat(zones).hasSizeGreaterThan(30);
    for (Path zone : zones) {
      String origin = zone.getFileName().toString().substring("db.".length());
      conf.append("zone \"").append(origin).append("\" { type primary; file \"");
      conf.append(zone).append("\"; };\n");
    }
    Path named = out.resolve("named.conf");
    Files.writeString(named, conf);
    Tools.Result r = Tools.run(List.of("named-checkconf", "-z", named.toString()));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.contains("loaded serial"))).hasSize(zones.size());
  }
}
