package mxlab.imap.session;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ESEARCH (RFC 4731): SEARCH RETURN (MIN MAX ALL COUNT), by sequence number and by UID. */
class ImapEsearchDialogueTest {
  @TempDir Path data;
  ImapFixture imap;
  ImapClient c;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    for (int i = 1; i <= 8; i++) {
      imap.deliver("Subject: " + (i % 3 == 0 ? "odd" : "even") + " " + i + "\n\nbody\n");
    }
    imap.inbox().expunge(java.util.List.of(1L)); // UIDs 2..8 are sequence numbers 1..7
    c = imap.selected();
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  @Test
  void returnOptionsAnswerOneEsearchResponse() throws Exception {
    c.script(
        """
        C: a SEARCH RETURN (MIN MAX COUNT ALL) NOT SUBJECT odd
        S: * ESEARCH (TAG "a") MIN 1 MAX 7 ALL 1,3:4,6:7 COUNT 5
        S: a OK SEARCH completed
        C: b UID SEARCH RETURN (ALL) SUBJECT odd
        S: * ESEARCH (TAG "b") UID ALL 3,6
        S: b OK UID SEARCH completed
        C: c UID SEARCH RETURN () 1:*
        S: * ESEARCH (TAG "c") UID ALL 2:8
        S: c OK UID SEARCH completed
        C: d SEARCH RETURN (COUNT) CHARSET UTF-8 SUBJECT nothing
        S: * ESEARCH (TAG "d") COUNT 0
        S: d OK SEARCH completed
        C: e SEARCH RETURN (MIN MAX) SUBJECT nothing
        S: * ESEARCH (TAG "e")
        S: e OK SEARCH completed
        C: f SEARCH RETURN (MAX) SUBJECT odd
        S: * ESEARCH (TAG "f") MAX 5
        S: f OK SEARCH completed
        C: g SEARCH RETURN (BOGUS) ALL
        S: g BAD Unknown search return option BOGUS
        C: h SEARCH RETURN MIN ALL
        S: h BAD *
        """);
  }

  @Test
  void withModseqTheHighestOfWhatIsReturned() throws Exception {
    c.script(
        """
        C: a STORE 2 +FLAGS.SILENT (\\Seen)
        S: a OK STORE completed
        C: b SEARCH RETURN (MIN) MODSEQ 2
        S: * ESEARCH (TAG "b") MIN 1 MODSEQ 3
        S: b OK SEARCH completed
        C: c SEARCH RETURN (COUNT) MODSEQ 2
        S: * ESEARCH (TAG "c") COUNT 7 MODSEQ 11
        S: c OK SEARCH completed
        """);
  }
}
