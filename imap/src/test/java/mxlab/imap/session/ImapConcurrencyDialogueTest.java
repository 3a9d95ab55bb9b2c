package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sessions on one folder: what one does reaches the other only where RFC 3501 7.4.1 and RFC
 * 2180 allow, and IDLE (RFC 2177) pushes it.
 */
class ImapConcurrencyDialogueTest {
  @TempDir Path data;
  ImapFixture imap;
  ImapClient one;
  ImapClient two;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    for (int i = 1; i <= 3; i++) {
      imap.deliver("Subject: m" + i + "\n\nbody\n");
    }
    one = imap.selected();
    two = imap.selected();
  }

  @AfterEach
  void stop() {
    one.session.closed();
    two.session.closed();
    imap.close();
  }

  @Test
  void expungeIsNotReportedDuringFetchStoreOrSearch() throws Exception {
    one.script(
        """
        C: a STORE 2 +FLAGS.SILENT (\\Deleted)
        S: a OK STORE completed
        C: b EXPUNGE
        S: * 2 EXPUNGE
        S: b OK EXPUNGE completed
        """);
    two.script(
        """
        C: a FETCH 1:* UID
        S: * 1 FETCH (UID 1)
        S: * 3 FETCH (UID 3)
        S: a NO [EXPUNGEISSUED] Some messages were expunged
        C: b STORE 3 +FLAGS (\\Seen)
        S: * 3 FETCH (FLAGS (\\Seen))
        S: b OK STORE completed
        C: c SEARCH ALL
        S: * SEARCH 1 3
        S: c OK SEARCH completed
        C: d UID FETCH 1:* FLAGS
        S: * 1 FETCH (UID 1 FLAGS ())
        S: * 3 FETCH (UID 3 FLAGS (\\Seen))
        S: d NO [EXPUNGEISSUED] Some messages were expunged
        C: e NOOP
        S: * 2 EXPUNGE
        S: e OK NOOP completed
        C: f FETCH 2 UID
        S: * 2 FETCH (UID 3)
        S: f OK FETCH completed
        """);
  }

  @Test
  void anotherSessionsFlagsAndNewMailAreReportedAtNoop() throws Exception {
    one.script(
        """
        C: a STORE 1 +FLAGS (\\Flagged)
        S: * 1 FETCH (FLAGS (\\Flagged \\Recent))
        S: a OK STORE completed
        """);
    imap.deliver("Subject: new\n\nbody\n");
    two.script(
        """
        C: a NOOP
        S: * 1 FETCH (UID 1 FLAGS (\\Flagged))
        S: * 4 EXISTS
        S: * 1 RECENT
        S: a OK NOOP completed
        C: b NOOP
        S: b OK NOOP completed
        """);
    one.script(
        """
        C: b CHECK
        S: * 4 EXISTS
        S: * 3 RECENT
        S: b OK CHECK completed
        """);
  }

  @Test
  void newMailIsReportedAfterOtherCommandsToo() throws Exception {
    imap.deliver("Subject: new\n\nbody\n");
    two.script(
        """
        C: a FETCH 1 UID
        S: * 4 EXISTS
        S: * 1 RECENT
        S: * 1 FETCH (UID 1)
        S: a OK FETCH completed
        """);
  }

  @Test
  void idlePushesExistsExpungeAndFlagsAsTheyHappen() throws Exception {
    two.script(
        """
        C: i IDLE
        S: + idling
        """);
    imap.deliver("Subject: new\n\nbody\n");
    two.script("S: * 4 EXISTS\nS: * 1 RECENT");
    one.script(
        """
        C: a STORE 1 +FLAGS (\\Deleted)
        S: * 4 EXISTS
        S: * 3 RECENT
        S: * 1 FETCH (FLAGS (\\Deleted \\Recent))
        S: a OK STORE completed
        """);
    two.script("S: * 1 FETCH (UID 1 FLAGS (\\Deleted))");
    one.script(
        """
        C: b EXPUNGE
        S: * 1 EXPUNGE
        S: b OK EXPUNGE completed
        """);
    two.script(
        """
        S: * 1 EXPUNGE
        C: DONE
        S: i OK IDLE terminated
        C: j FETCH 1:* UID
        S: * 1 FETCH (UID 2)
        S: * 2 FETCH (UID 3)
        S: * 3 FETCH (UID 4)
        S: j OK FETCH completed
        """);
  }

  @Test
  void closedSessionsStopListening() throws Exception {
    two.session.closed();
    imap.deliver("Subject: new\n\nbody\n");
    assertThat(two.pending()).isEmpty();
  }

  @Test
  void aDeliveryBySmtpReachesAnIdleSession() throws Exception {
    two.script(
        """
        C: i IDLE
        S: + idling
        """);
    // what the SMTP delivery does: a file linked into new/, then the store told
    Path inbox = imap.store.mailbox("bann.com", "test").root();
    Files.writeString(
        inbox.resolve("new").resolve("1796220000.M1P1.mail.bann.com"), "Subject: smtp\n\nhi\n");
    imap.store.arrived("bann.com", "test");
    two.script(
        """
        S: * 4 EXISTS
        S: * 1 RECENT
        C: DONE
        S: i OK IDLE terminated
        C: j UID FETCH *:123 (UID RFC822.SIZE)
        S: * 4 FETCH (UID 4 RFC822.SIZE 21)
        S: j OK UID FETCH completed
        """);
  }

  @Test
  void anythingButDoneEndsIdleWithBad() throws Exception {
    two.script(
        """
        C: i IDLE
        S: + idling
        C: j NOOP
        S: i BAD Expected DONE
        C: k NOOP
        S: k OK NOOP completed
        """);
  }
}
