package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import mxlab.store.Flag;
import mxlab.store.Flags;
import mxlab.store.Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STORE, EXPUNGE, UID EXPUNGE, CLOSE, UNSELECT, COPY, MOVE and their UID forms. */
class ImapMessageDialogueTest {
  @TempDir Path data;
  ImapFixture imap;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    for (int i = 1; i <= 4; i++) {
      imap.deliver("Subject: m" + i + "\n\nbody " + i + "\n");
    }
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  @Test
  void storeWithAndWithoutParenthesesAndSilent() throws Exception {
    ImapClient c = imap.selected();
    c.script(
        """
        C: a STORE 1 +FLAGS (\\Seen \\Flagged)
        S: * 1 FETCH (FLAGS (\\Flagged \\Seen \\Recent))
        S: a OK STORE completed
        C: b STORE 1:2 +FLAGS \\Answered $Label1
        S: * 1 FETCH (FLAGS (\\Flagged \\Answered \\Seen $Label1 \\Recent))
        S: * 2 FETCH (FLAGS (\\Answered $Label1 \\Recent))
        S: b OK STORE completed
        """);
    c.script(
        """
        C: c STORE 1 -FLAGS.SILENT ($LABEL1 \\Flagged)
        S: c OK STORE completed
        C: d UID STORE 2 FLAGS ()
        S: * 2 FETCH (FLAGS (\\Recent) UID 2)
        S: d OK UID STORE completed
        C: e STORE *:3 FLAGS.SILENT (\\Deleted)
        S: e OK STORE completed
        C: f STORE 1 +FLAGS (\\Bogus)
        S: f BAD Invalid flag \\Bogus
        C: g STORE 9 +FLAGS (\\Seen)
        S: g BAD Invalid message sequence number
        C: h STORE 1 REPLACE (\\Seen)
        S: h BAD Expected FLAGS, +FLAGS or -FLAGS
        """);
    Folder inbox = imap.inbox();
    assertThat(inbox.message(1).orElseThrow().flags())
        .isEqualTo(Flags.of(Flag.SEEN, Flag.ANSWERED));
    assertThat(inbox.message(3).orElseThrow().flags().has(Flag.DELETED)).isTrue();
    assertThat(inbox.message(4).orElseThrow().flags().has(Flag.DELETED)).isTrue();
  }

  @Test
  void keywordsAreCaseInsensitive() throws Exception {
    ImapClient c = imap.selected();
    c.script(
        """
        C: a STORE 1 +FLAGS ($Forwarded)
        S: * 1 FETCH (FLAGS ($Forwarded \\Recent))
        S: a OK STORE completed
        C: b STORE 1 +FLAGS ($FORWARDED)
        S: * 1 FETCH (FLAGS ($Forwarded \\Recent))
        S: b OK STORE completed
        C: c SEARCH KEYWORD $forwarded
        S: * SEARCH 1
        S: c OK SEARCH completed
        C: d STORE 1 -FLAGS ($forwarded)
        S: * 1 FETCH (FLAGS (\\Recent))
        S: d OK STORE completed
        """);
  }

  @Test
  void expungeReportsNumbersHighestFirstAndUidExpungeOnlyItsSet() throws Exception {
    ImapClient c = imap.selected();
    c.script(
        """
        C: a STORE 1:4 +FLAGS.SILENT (\\Deleted)
        S: a OK STORE completed
        C: b UID EXPUNGE 2:3
        S: * 3 EXPUNGE
        S: * 2 EXPUNGE
        S: b OK UID EXPUNGE completed
        C: c FETCH 1:* UID
        S: * 1 FETCH (UID 1)
        S: * 2 FETCH (UID 4)
        S: c OK FETCH completed
        C: d EXPUNGE
        S: * 2 EXPUNGE
        S: * 1 EXPUNGE
        S: d OK EXPUNGE completed
        """);
    assertThat(imap.inbox().messages()).isEmpty();
  }

  @Test
  void closeExpungesSilentlyAndUnselectDoesNot() throws Exception {
    ImapClient c = imap.selected();
    c.script(
        """
        C: a STORE 1 +FLAGS.SILENT (\\Deleted)
        S: a OK STORE completed
        C: b UNSELECT
        S: b OK UNSELECT completed
        C: c FETCH 1 FLAGS
        S: c BAD Select a mailbox first
        """);
    assertThat(imap.inbox().messages()).hasSize(4);
    c = imap.selected();
    c.script(
        """
        C: a CLOSE
        S: a OK CLOSE completed
        """);
    assertThat(imap.inbox().messages()).hasSize(3);
  }

  @Test
  void copyAndMoveAnswerCopyUid() throws Exception {
    ImapClient c = imap.selected();
    long trash = imap.store.mailbox("bann.com", "test").folder("Trash").orElseThrow().uidValidity();
    c.script(
        """
        C: a COPY 1:2 Trash
        S: a OK [COPYUID %d 1:2 1:2] COPY completed
        C: b UID COPY 4 Trash
        S: b OK [COPYUID %d 4 3] UID COPY completed
        C: c COPY 1 Nosuch
        S: c NO [TRYCREATE] Mailbox doesn't exist
        C: d MOVE 2:3 Trash
        S: * OK [COPYUID %d 2:3 4:5] Moved
        S: * 3 EXPUNGE
        S: * 2 EXPUNGE
        S: d OK MOVE completed
        C: e UID MOVE 4 Junk
        S: * OK [COPYUID * 4 1] Moved
        S: * 2 EXPUNGE
        S: e OK UID MOVE completed
        C: f STATUS Trash (MESSAGES)
        S: * STATUS Trash (MESSAGES 5)
        S: f OK STATUS completed
        """
            .formatted(trash, trash, trash));
    assertThat(imap.inbox().messages()).hasSize(1);
  }

  @Test
  void appendAndCopyIntoTheSelectedFolderReportExistsBeforeTheirOk() throws Exception {
    ImapClient c = imap.selected();
    c.script(
        """
        C: a APPEND INBOX {3+}
        C: abc
        S: * 5 EXISTS
        S: * 5 RECENT
        S: a OK [APPENDUID * 5] APPEND completed
        C: b COPY 1 INBOX
        S: * 6 EXISTS
        S: * 6 RECENT
        S: b OK [COPYUID * 1 6] COPY completed
        """);
  }
}
