package mxlab.cli;

import static mxlab.core.spec.SpecFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import mxlab.core.spec.read.SpecLoader;
import mxlab.server.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusAndInitTest {
  @TempDir Path dir;

  private Path spec(int perIp) throws Exception {
    Path spec = dir.resolve("lab.yaml");
    Files.writeString(
        spec,
        minimal("")
            + "server:\n  data_dir: data\n  limits: { connections_per_ip: "
            + perIp
            + " }\n  ports: { dns: 0, smtp: 0, submission: 0, submissions: 0, pop3: 0, pop3s: 0, imap: 0, imaps: 0,"
            + " http: 0, https: 0, ssh: 0 }\n");
    return spec;
  }

  @Test
  void notRunningIsExitThree() throws Exception {
    Path spec = spec(5);
    CliRun r = CliRun.of("status", spec.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(r.err()).contains("no running mxlab answers").contains("mxlab up");
    assertThat(CliRun.of("reload", spec.toString()).exit()).isEqualTo(ExitCode.UNAVAILABLE);
  }

  @Test
  void everyServiceProbedAndAServiceThatRefusesIsDown() throws Exception {
    Path spec = spec(1);
    try (Instance instance = Instances.start(SpecLoader.load(spec).spec())) {
      CliRun up = CliRun.of("status", spec.toString());
      assertThat(up.exit()).as(up.out() + up.err()).isZero();
      assertThat(up.out())
          .contains("mxlab is up")
          .contains("dns ")
          .contains("1 domains answer SOA and MX")
          .contains("smtp ")
          .contains("EHLO ok")
          .contains("submissions")
          .contains("pop3s")
          .contains("SSH-2.0-mxlab")
          .containsPattern("https +127\\.0\\.0\\.1:\\d+ +up +HTTP/1.1 200")
          .contains("queue: 0 messages");
      // Take the one connection the SMTP listener allows this address: it answers 421 to the probe.
      InetSocketAddress smtp = instance.boundAddress("smtp");
      try (Socket hog = new Socket(smtp.getAddress(), smtp.getPort())) {
        hog.getInputStream().read();
        CliRun down = CliRun.of("status", spec.toString(), "--json");
        assertThat(down.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        JsonNode json = new ObjectMapper().readTree(down.out());
        assertThat(json.get("up").asBoolean()).isFalse();
        boolean smtpDown = false;
        for (JsonNode s : json.get("services")) {
          if (s.get("service").asText().equals("smtp")) {
            smtpDown = !s.get("up").asBoolean();
            assertThat(s.get("detail").asText()).contains("421");
          }
        }
        assertThat(smtpDown).isTrue();
      }
    }
  }

  @Test
  void initWritesSpecsThatValidate() throws Exception {
    CliRun single = CliRun.of("init", "example.org");
    assertThat(single.exit()).isZero();
    assertThat(single.err()).contains("user admin@example.org has the password: ");
    assertThat(single.out()).contains("postmaster: admin").contains("{SHA512-CRYPT}$6$");
    Path one = dir.resolve("one.yaml");
    Files.writeString(one, single.out());
    assertThat(CliRun.of("validate", one.toString()).exit()).isZero();

    Path room = dir.resolve("room.yaml");
    CliRun classroom =
        CliRun.of("init", "school.lab", "--classroom", "12", "--out", room.toString());
    assertThat(classroom.exit()).isZero();
    assertThat(classroom.err().lines().filter(l -> l.startsWith("student@"))).hasSize(12);
    assertThat(classroom.err()).contains("student@student12.school.lab ");
    CliRun valid = CliRun.of("validate", room.toString());
    assertThat(valid.out()).contains("13 domains, 13 users");
    assertThat(CliRun.of("init", "not a domain").exit()).isEqualTo(ExitCode.USAGE);
  }
}
