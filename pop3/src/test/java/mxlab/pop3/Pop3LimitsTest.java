package mxlab.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import mxlab.net.Dialogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pop3LimitsTest {
  @TempDir Path data;
  Pop3Fixture pop;

  @BeforeEach
  void start() throws Exception {
    pop =
        new Pop3Fixture(
            """
            version: 1
            server:
              allow_plaintext_auth: true
              limits: { connections_per_ip: 2, pop3_timeout: 1s }
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users: [ { name: test, password: "{PLAIN}pw" } ]
            """,
            data);
    pop.deliver("bann.com", "test", "Subject: one", "", "body");
  }

  @AfterEach
  void stop() {
    pop.close();
  }

  @Test
  void autologoutDeletesNothing() throws Exception {
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.script(
          """
          C: USER test
          S: +OK *
          C: PASS pw
          S: +OK maildrop has 1 messages *
          C: DELE 1
          S: +OK *
          S: -ERR Autologout*
          """);
      assertThat(d.closedByServer()).isTrue();
    }
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("USER test").expect("+OK *");
      d.send("PASS pw").expect("+OK maildrop has 1 messages *");
    }
  }

  @Test
  void newMailShowsInTheNextSession() throws Exception {
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("USER test").expect("+OK *");
      d.send("PASS pw").expect("+OK maildrop has 1 messages *");
      pop.deliver("bann.com", "test", "Subject: two", "", "body");
      d.send("STAT").expect("+OK 1 *");
      d.send("QUIT").expect("+OK *");
    }
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("USER test").expect("+OK *");
      d.send("PASS pw").expect("+OK maildrop has 2 messages *");
    }
  }

  @Test
  void tooManyConnectionsFromOneAddress() throws Exception {
    try (Dialogue a = pop.connect()) {
      a.expect("+OK *");
      try (Dialogue b = pop.connect()) {
        b.expect("+OK *");
        try (Dialogue c = pop.connect()) {
          c.expect("-ERR [SYS/TEMP] Too many connections*");
          assertThat(c.closedByServer()).isTrue();
        }
      }
    }
  }

  /**
   * Before a login only preauth_timeout; after it RFC 1939's autologout (at least 10 minutes): a
   * client that never logs in, even one that talks, is cut soon; one that did stays.
   */
  @Test
  void aClientThatDoesNotLogInIsCutSoonerThanOneThatDid(@TempDir Path other) throws Exception {
    try (Pop3Fixture patient =
        new Pop3Fixture(
            """
            version: 1
            server:
              allow_plaintext_auth: true
              limits: { pop3_timeout: 10m, preauth_timeout: 1s }
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users: [ { name: test, password: "{PLAIN}pw" } ]
            """,
            other)) {
      try (Dialogue silent = patient.connect();
          Dialogue talking = patient.connect();
          Dialogue loggedIn = patient.connect()) {
        long start = System.nanoTime();
        silent.expect("+OK *");
        talking.expect("+OK *");
        loggedIn.expect("+OK *");
        talking.send("CAPA").expect("+OK *");
        talking.multiline();
        talking.send("USER test").expect("+OK *");
        loggedIn.send("USER test").expect("+OK *");
        loggedIn.send("PASS pw").expect("+OK maildrop has *");

        silent.expect("-ERR Disconnected for inactivity");
        assertThat(silent.closedByServer()).isTrue();
        talking.expect("-ERR Disconnected for inactivity");
        assertThat(talking.closedByServer()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        Thread.sleep(2500); // past preauth_timeout twice over: the logged-in client stays
        loggedIn.script("C: NOOP\nS: +OK*\nC: QUIT\nS: +OK*");
      }
    }
  }

  /** Talking is not logging in: six preauth_timeouts in all (3 minutes by default, as Dovecot). */
  @Test
  void aClientThatKeepsTalkingWithoutLoggingInIsCutAtTheLoginDeadline(@TempDir Path other)
      throws Exception {
    try (Pop3Fixture patient =
            new Pop3Fixture(
                """
                version: 1
                server: { limits: { preauth_timeout: 1s } }
                domains:
                  - name: bann.com
                    hosts: { mail: 192.168.0.100 }
                    users: [ { name: test, password: "{PLAIN}pw" } ]
                """,
                other);
        Dialogue talking = patient.connect()) {
      long start = System.nanoTime();
      talking.expect("+OK *");
      String line;
      do {
        Thread.sleep(300);
        line = talking.send("CAPA").expect("*");
        if (line.startsWith("+OK")) {
          talking.multiline();
        }
      } while (line.startsWith("+OK") && System.nanoTime() - start < 20_000_000_000L);
      assertThat(line).isEqualTo("-ERR Disconnected for inactivity");
      assertThat(talking.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofSeconds(6), Duration.ofSeconds(12));
    }
  }
}
