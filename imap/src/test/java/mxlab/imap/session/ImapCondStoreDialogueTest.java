package mxlab.imap.session;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONDSTORE (RFC 7162 3.1): MODSEQ per message, HIGHESTMODSEQ, CHANGEDSINCE, UNCHANGEDSINCE with
 * MODIFIED, SEARCH MODSEQ, and MODSEQ in the flag updates of other sessions' changes.
 */
class ImapCondStoreDialogueTest {
  @TempDir Path data;
  ImapFixture imap;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    for (String s : new String[] {"one", "two", "three"}) {
      imap.deliver("Subject: " + s + "\n\nbody\n"); // modseqs 2, 3, 4
    }
    imap.inbox().claimRecent(4); // another client saw them first: no \Recent here
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  private ImapClient selected(String how) throws Exception {
    ImapClient c = imap.login();
    c.script(
        """
        C: s SELECT INBOX%s
        S: * FLAGS *
        S: * 3 EXISTS
        S: * 0 RECENT
        S: * OK [UNSEEN 1] First unseen
        S: * OK [UIDVALIDITY *] UIDs valid
        S: * OK [UIDNEXT 4] Predicted next UID
        S: * OK [PERMANENTFLAGS *] Flags permitted
        S: * OK [HIGHESTMODSEQ 4] Highest
        S: s OK [READ-WRITE] SELECT completed
        """
            .formatted(how));
    return c;
  }

  @Test
  void modseqsFetchedChangedSinceAndConditionalStore() throws Exception {
    ImapClient c = selected(" (CONDSTORE)");
    c.script(
        """
        C: a FETCH 1:* (FLAGS MODSEQ)
        S: * 1 FETCH (FLAGS () MODSEQ (2))
        S: * 2 FETCH (FLAGS () MODSEQ (3))
        S: * 3 FETCH (FLAGS () MODSEQ (4))
        S: a OK FETCH completed
        C: b STORE 2 +FLAGS (\\Seen)
        S: * 2 FETCH (FLAGS (\\Seen) MODSEQ (5))
        S: b OK STORE completed
        C: c FETCH 1:* (FLAGS) (CHANGEDSINCE 4)
        S: * 2 FETCH (FLAGS (\\Seen) MODSEQ (5))
        S: c OK FETCH completed
        C: d UID STORE 1:3 (UNCHANGEDSINCE 4) +FLAGS.SILENT (\\Flagged)
        S: * 1 FETCH (UID 1 MODSEQ (6))
        S: * 3 FETCH (UID 3 MODSEQ (7))
        S: d OK [MODIFIED 2] Conditional STORE failed
        C: e STORE 1:3 (UNCHANGEDSINCE 0) -FLAGS (\\Flagged)
        S: e OK [MODIFIED 1:3] Conditional STORE failed
        C: f UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5)
        S: * 1 FETCH (UID 1 FLAGS (\\Flagged) MODSEQ (6))
        S: * 3 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (7))
        S: f OK UID FETCH completed
        C: g FETCH 1 (MODSEQ) (CHANGEDSINCE 0)
        S: g BAD CHANGEDSINCE needs a mod-sequence above 0
        C: h STORE 1 (UNCHANGEDSINCE x) FLAGS ()
        S: h BAD Expected a number
        """);
  }

  @Test
  void searchModseqAndStatusHighestModseq() throws Exception {
    ImapClient c = selected("");
    c.script(
        """
        C: a STORE 1,3 +FLAGS.SILENT (\\Answered)
        S: a OK STORE completed
        C: b SEARCH MODSEQ 5
        S: * SEARCH 1 3 (MODSEQ 6)
        S: b OK SEARCH completed
        C: c UID SEARCH MODSEQ "/flags/\\\\answered" all 6 ANSWERED
        S: * SEARCH 3 (MODSEQ 6)
        S: c OK UID SEARCH completed
        C: d SEARCH MODSEQ 100
        S: * SEARCH
        S: d OK SEARCH completed
        C: e STATUS Sent (HIGHESTMODSEQ MESSAGES)
        S: * STATUS Sent (HIGHESTMODSEQ 1 MESSAGES 0)
        S: e OK STATUS completed
        C: f STORE 2 FLAGS (\\Deleted)
        S: * 2 FETCH (FLAGS (\\Deleted) MODSEQ (7))
        S: f OK STORE completed
        C: g EXPUNGE
        S: * 2 EXPUNGE
        S: g OK EXPUNGE completed
        C: h STATUS INBOX (HIGHESTMODSEQ)
        S: * STATUS INBOX (HIGHESTMODSEQ 8)
        S: h OK STATUS completed
        """);
  }

  @Test
  void afterEnableOtherSessionsChangesCarryTheirModseq() throws Exception {
    ImapClient plain = selected("");
    ImapClient enabled = imap.login();
    enabled.script(
        """
        C: e ENABLE CONDSTORE
        S: * ENABLED CONDSTORE
        S: e OK ENABLE completed
        C: e2 ENABLE CONDSTORE
        S: * ENABLED
        S: e2 OK ENABLE completed
        C: s EXAMINE INBOX
        S: * FLAGS *
        S: * 3 EXISTS
        S: * 0 RECENT
        S: * OK [UNSEEN 1] First unseen
        S: * OK [UIDVALIDITY *] UIDs valid
        S: * OK [UIDNEXT 4] Predicted next UID
        S: * OK [PERMANENTFLAGS ()] Flags permitted
        S: * OK [HIGHESTMODSEQ 4] Highest
        S: s OK [READ-ONLY] EXAMINE completed
        """);
    plain.script(
        """
        C: a STORE 2 +FLAGS (\\Seen)
        S: * 2 FETCH (FLAGS (\\Seen))
        S: a OK STORE completed
        C: b FETCH 2 (BODY[HEADER.FIELDS (SUBJECT)] MODSEQ)
        S: * 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}
        S: Subject: two
        S:
        S:  MODSEQ (5))
        S: b OK FETCH completed
        C: c FETCH 1 BODY[TEXT]
        S: * 1 FETCH (BODY[TEXT] {6}
        S: body
        S:  FLAGS (\\Seen) MODSEQ (6))
        S: c OK FETCH completed
        """);
    enabled.script(
        """
        C: n NOOP
        S: * 1 FETCH (UID 1 FLAGS (\\Seen) MODSEQ (6))
        S: * 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (5))
        S: n OK NOOP completed
        """);
    plain.script(
        """
        C: d STORE 2 -FLAGS (\\Seen)
        S: * 2 FETCH (FLAGS () MODSEQ (7))
        S: d OK STORE completed
        C: e STORE 2 +FLAGS (\\Seen)
        S: * 2 FETCH (FLAGS (\\Seen) MODSEQ (8))
        S: e OK STORE completed
        """);
    enabled.script(
        """
        C: n NOOP
        S: * 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (8))
        S: n OK NOOP completed
        """);
  }
}
