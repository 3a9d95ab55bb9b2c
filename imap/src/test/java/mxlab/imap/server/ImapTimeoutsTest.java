package mxlab.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before a login a client may idle only preauth_timeout (then "* BYE", as Dovecot's imap-login);
 * after it the autologout timer of RFC 3501 5.4, at least 30 minutes.
 */
class ImapTimeoutsTest {
  @TempDir Path data;
  private ImapServerFixture fixture;
  private LineServer imaps;

  @BeforeEach
  void start() throws Exception {
    fixture =
        new ImapServerFixture(
            data,
            """
            version: 1
            server: { hostname: mail.bann.com, limits: { preauth_timeout: 1s } }
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users: [ { name: test, password: "{PLAIN}changeme" } ]
            """,
            true);
    imaps = fixture.start(true);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aClientThatDoesNotLogInIsCutSoonerThanOneThatDid() throws Exception {
    try (Dialogue silent = Dialogue.connectTls(imaps.address());
        Dialogue talking = Dialogue.connectTls(imaps.address());
        Dialogue loggedIn = Dialogue.connectTls(imaps.address())) {
      long start = System.nanoTime();
      silent.expect("* OK *");
      talking.expect("* OK *");
      loggedIn.expect("* OK *");
      talking.script("C: a NOOP\nS: a OK *");
      loggedIn.script("C: a LOGIN test changeme\nS: a OK *");

      silent.expect("* BYE Disconnected for inactivity");
      assertThat(silent.closedByServer()).isTrue();
      talking.expect("* BYE Disconnected for inactivity");
      assertThat(talking.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      Thread.sleep(2500); // past preauth_timeout twice over: the logged-in client stays
      loggedIn.script("C: b NOOP\nS: b OK *\nC: c LOGOUT\nS: * BYE *\nS: c OK *");
    }
  }

  /** Talking is not logging in: six preauth_timeouts in all (3 minutes by default, as Dovecot). */
  @Test
  void aClientThatKeepsTalkingWithoutLoggingInIsCutAtTheLoginDeadline() throws Exception {
    try (Dialogue talking = Dialogue.connectTls(imaps.address())) {
      long start = System.nanoTime();
      talking.expect("* OK *");
      String line;
      int tag = 0;
      do {
        Thread.sleep(300);
        talking.send("t" + ++tag + " NOOP");
        line = talking.expect("*");
      } while (!line.startsWith("* BYE") && System.nanoTime() - start < 20_000_000_000L);
      assertThat(line).isEqualTo("* BYE Disconnected for inactivity");
      assertThat(talking.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofSeconds(6), Duration.ofSeconds(12));
    }
  }
}
