package mxlab.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mxlab.core.routing.Mailbox;
import mxlab.core.store.SpoolWriter;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IMAP over real sockets on port 0: STARTTLS, IMAPS, literals on the wire, IDLE and delivery. */
class ImapServerTest {

  @TempDir Path data;
  private ImapServerFixture fixture;
  private LineServer imap;
  private LineServer imaps;

  @BeforeEach
  void start() throws Exception {
    fixture = new ImapServerFixture(data, ImapServerFixture.SPEC, true);
    imap = fixture.start(false);
    imaps = fixture.start(true);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void loginIsRefusedInTheClearThenWorksAfterStartTls() throws Exception {
    try (Dialogue d = Dialogue.connect(imap.address())) {
      d.expect("* OK [CAPABILITY IMAP4rev1 * STARTTLS LOGINDISABLED] mxlab IMAP4rev1 ready");
      d.send("a LOGIN test changeme").expect("a NO [PRIVACYREQUIRED] *");
      d.send("b STARTTLS injected").expect("b BAD *");
      d.raw("c STARTTLS\r\nd LOGIN test changeme\r\n"); // the pipelined LOGIN must be dropped
      d.expect("c OK *");
      d.upgrade();
      d.send("e CAPABILITY").expect("* CAPABILITY IMAP4rev1 *AUTH=PLAIN*");
      d.expect("e OK *");
      d.send("f LOGIN test changeme").expect("f OK *");
      d.send("g LOGOUT").expect("* BYE *");
      d.expect("g OK *");
    }
  }

  @Test
  void implicitTlsWithLiteralsOnTheWire() throws Exception {
    fixture.deliver("first");
    try (Dialogue d = Dialogue.connectTls(imaps.address())) {
      d.expect("* OK *");
      d.raw("a LOGIN {4}\r\n");
      d.expect("+ *");
      d.raw("test {8+}\r\nchangeme\r\n");
      d.expect("a OK *");
      d.send("b SELECT INBOX");
      d.expect("* FLAGS *");
      String exists = d.reply();
      while (!exists.endsWith("EXISTS")) {
        exists = d.reply();
      }
      assertThat(exists).isEqualTo("* 1 EXISTS");
      while (!d.reply().startsWith("b OK")) {
        // the rest of SELECT's answer
      }
      d.send("c FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
      d.expect("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {*}");
      d.expect("Subject: first");
    }
  }

  @Test
  void aDeliveryReachesAnIdleSessionWithinASecond() throws Exception {
    try (Dialogue d = Dialogue.connectTls(imaps.address())) {
      d.expect("* OK *");
      d.send("a LOGIN test changeme").expect("a OK *");
      d.send("b SELECT INBOX");
      while (!d.reply().startsWith("b OK")) {
        // FLAGS, EXISTS, UIDVALIDITY ...
      }
      d.send("c IDLE").expect("+ idling");
      long start = System.nanoTime();
      fixture.deliver("while idling");
      d.expect("* 1 EXISTS");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      d.expect("* 1 RECENT");
      d.send("DONE").expect("c OK *");
    }
  }

  @Test
  void aLongFetchIsStreamedOverTls() throws Exception {
    String line = "x".repeat(76);
    for (int m = 0; m < 12; m++) { // 12 x 200 kB: several parts, more than the window in flight
      SpoolWriter w = fixture.drop().newSpool("Q" + System.nanoTime());
      for (String l : List.of("Subject: big " + m, "From: a@b.org", "")) {
        w.line(l.getBytes(StandardCharsets.UTF_8));
      }
      for (int i = 0; i < 2600; i++) {
        w.line(line.getBytes(StandardCharsets.US_ASCII));
      }
      fixture.drop().deliver(w.finish(), List.of(new Mailbox("bann.com", "test")), null);
    }
    try (Dialogue d = Dialogue.connectTls(imaps.address())) {
      d.expect("* OK *");
      d.send("a LOGIN test changeme").expect("a OK *");
      d.send("b SELECT INBOX");
      while (!d.reply().startsWith("b OK")) {
        // FLAGS, EXISTS, UIDVALIDITY ...
      }
      d.send("c FETCH 1:* (BODY.PEEK[])");
      int bodies = 0;
      String reply;
      while (!(reply = d.reply()).startsWith("c ")) {
        if (reply.matches("\\* \\d+ FETCH \\(BODY\\[\\] \\{\\d+\\}")) {
          bodies++;
        }
      }
      assertThat(reply).isEqualTo("c OK FETCH completed");
      assertThat(bodies).isEqualTo(12);
    }
  }
}
