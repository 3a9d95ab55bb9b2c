package mxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mxlab.core.auth.PasswordHash;
import mxlab.core.spec.Spec;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.api.Test;

/** The specs {@code mxlab init} writes, to the line: commented, in the documented order, valid. */
class InitCommandTest {
  private static final Pattern HASH = Pattern.compile("\\{SHA512-CRYPT\\}\\$6\\$[^\"]+");

  @Test
  void aStarterSpecInTheTutorialsShape() throws Exception {
    CliRun init = CliRun.of("init", "example.org");
    assertThat(init.exit()).isZero();
    assertThat(HASH.matcher(init.out()).replaceAll("HASH"))
        .isEqualTo(
            """
            # A mail domain for mxlab, in the shape of the classic sendmail + dovecot + BIND setup.
            #   mxlab validate example.org.yaml   (check it)     mxlab up example.org.yaml   (run it)
            version: 1

            server:
              hostname: mail.example.org
              listen: 127.0.0.1             # this machine only; 0.0.0.0 serves every network
              max_message_size: 10MB        # sendmail's MaxMessageSize
              queue: { warn_after: 4h, return_after: 5d }

            domains:
              - name: example.org
                hosts:
                  mail: 192.0.2.25          # mail IN A 192.0.2.25
                mx:
                  - { priority: 10, host: mail }  # IN MX 10 mail.example.org.
                users:
                  # make more hashes with: mxlab passwd
                  - { name: admin, password: "HASH" }
                aliases:
                  postmaster: admin         # RFC 5321 wants postmaster@ to work
                  abuse: admin

            # The sendmail access map: who may relay through this server.
            access:
              "Connect:127.0.0.1": RELAY
              "Connect:localhost": RELAY
            """);
    Spec spec = SpecLoader.parse("example.org.yaml", init.out(), Path.of("/tmp")).spec();
    String password = init.err().substring(init.err().lastIndexOf(' ') + 1).trim();
    assertThat(spec.domains().get(0).user("admin").orElseThrow().password().verify(password))
        .isTrue();
  }

  @Test
  void aClassroomOfStudentDomains() throws Exception {
    CliRun init = CliRun.of("init", "school.lab", "--classroom", "2", "--address", "10.0.0.1");
    assertThat(init.exit()).isZero();
    assertThat(HASH.matcher(init.out()).replaceAll("HASH"))
        .isEqualTo(
            """
            # A classroom of 2 student domains on one mxlab.
            #   mxlab up classroom.yaml
            version: 1

            server:
              hostname: mail.school.lab
              listen: 127.0.0.1
              # LAB ONLY: logins without TLS, so students can follow the protocol by hand.
              allow_plaintext_auth: true

            domains:
              - name: school.lab
                hosts: { mail: 10.0.0.1 }
                users:
                  - { name: teacher, password: "HASH" }
                aliases: { postmaster: teacher }
              - name: student01.school.lab
                hosts: { mail: 10.0.0.1 }
                users:
                  - { name: student, password: "HASH" }
              - name: student02.school.lab
                hosts: { mail: 10.0.0.1 }
                users:
                  - { name: student, password: "HASH" }

            access:
              "Connect:127.0.0.1": RELAY
            """);
    Spec spec = SpecLoader.parse("class.yaml", init.out(), Path.of("/tmp")).spec();
    assertThat(spec.domains()).hasSize(3);
    Matcher student = Pattern.compile("student@student02.school.lab (\\w+)").matcher(init.err());
    assertThat(student.find()).isTrue();
    String hash =
        spec.domain("student02.school.lab").orElseThrow().users().get(0).password().toString();
    assertThat(PasswordHash.parse(hash).orElseThrow().verify(student.group(1))).isTrue();
  }
}
