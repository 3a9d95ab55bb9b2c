package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mxlab.net.Dialogue;
import mxlab.smtp.session.SmtpMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection limits and deadlines, with small values so the test is quick. */
class SmtpLimitsTest {
  @TempDir Path data;
  SmtpFixture smtp;

  @BeforeEach
  void start() throws Exception {
    smtp =
        new SmtpFixture(
            """
            version: 1
            server:
              limits: { connections_per_ip: 2, command_timeout: 1s, data_timeout: 1s, session_timeout: 2s }
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users: [ { name: test } ]
            """,
            data);
  }

  @AfterEach
  void stop() {
    smtp.close();
  }

  @Test
  void tooManyConnectionsFromOneAddress() throws Exception {
    try (Dialogue a = smtp.connect();
        Dialogue b = smtp.connect()) {
      a.expect("220 *");
      b.expect("220 *");
      try (Dialogue c = smtp.connect()) {
        c.expect("421 4.7.0 Too many connections*");
        assertThat(c.closedByServer()).isTrue();
      }
    }
    // The count goes down as the server sees those two close, which takes a moment.
    String greeting = "";
    for (int i = 0; i < 50 && !greeting.startsWith("220"); i++) {
      Thread.sleep(50);
      try (Dialogue again = smtp.connect()) {
        greeting = again.reply();
      }
    }
    assertThat(greeting).startsWith("220");
  }

  @Test
  void aSilentClientIsCutBeforeItsFirstCommandSoonerThanOneThatTalks(@TempDir Path other)
      throws Exception {
    try (SmtpFixture patient =
            new SmtpFixture(
                """
            version: 1
            server: { limits: { command_timeout: 1m, preauth_timeout: 1s } }
            domains: [ { name: bann.com, hosts: { mail: 192.168.0.100 }, users: [ { name: test } ] } ]
            """,
                other);
        Dialogue silent = patient.connect();
        Dialogue talking = patient.connect()) {
      silent.expect("220 *");
      talking.expect("220 *");
      talking.send("EHLO c").reply();
      silent.expect("421 4.4.2 Timeout exceeded*");
      assertThat(silent.closedByServer()).isTrue();
      Thread.sleep(1500); // past the first-command timeout: the talking client stays
      talking.script("C: NOOP\nS: 250 2.0.0 Ok");
    }
  }

  @Test
  void oneClientCannotTakeEverySlot(@TempDir Path other) throws Exception {
    try (SmtpFixture small =
        new SmtpFixture(
            """
            version: 1
            server: { limits: { connections: 4, connections_per_ip: 10 } }
            domains: [ { name: bann.com, hosts: { mail: 192.168.0.100 }, users: [ { name: test } ] } ]
            """,
            other)) {
      InetSocketAddress mx = small.address(SmtpMode.MX);
      List<Dialogue> greedy = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          greedy.add(Dialogue.connectFrom(mx, "127.0.10.1"));
          greedy.get(i).expect("220 *");
        }
        // half the slots is one client's most; the refused one takes none
        for (int i = 0; i < 3; i++) {
          try (Dialogue more = Dialogue.connectFrom(mx, "127.0.10.1")) {
            more.expect("421 4.7.0 Too many connections*");
          }
        }
        try (Dialogue other1 = Dialogue.connectFrom(mx, "127.0.10.2");
            Dialogue other2 = Dialogue.connectFrom(mx, "127.0.10.3")) {
          other1.expect("220 *");
          other2.expect("220 *");
        }
      } finally {
        for (Dialogue d : greedy) {
          d.close();
        }
      }
    }
  }

  @Test
  void idleClientsAreCut() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      long start = System.nanoTime();
      d.expect("421 4.4.2 Timeout exceeded*");
      assertThat(System.nanoTime() - start).isGreaterThan(500_000_000L);
      assertThat(d.closedByServer()).isTrue();
    }
  }

  @Test
  void aBusyConnectionStillMeetsItsDeadline() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      String last = "";
      for (int i = 0; i < 12 && !last.startsWith("421"); i++) {
        Thread.sleep(300);
        d.send("NOOP");
        last = d.reply();
      }
      assertThat(last).startsWith("421 4.4.2");
      assertThat(d.closedByServer()).isTrue();
    }
  }

  @Test
  void aStalledDataTransferIsCutAndNothingIsKept() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.raw("MAIL FROM:<a@b.c>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script("S: 250 *\nS: 250 *\nS: 354 *\nC: Subject: half a message");
      d.expect("421 4.4.2 *");
    }
    assertThat(smtp.mailbox("bann.com", "test")).isEmpty();
  }
}
