package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mxlab.store.Flag;
import mxlab.store.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SELECT, EXAMINE, LIST, LSUB, STATUS, CREATE, DELETE, RENAME, SUBSCRIBE, APPEND. */
class ImapMailboxDialogueTest {
  @TempDir Path data;
  ImapFixture imap;

  @BeforeEach
  void start() {
    imap = new ImapFixture(data, true, false);
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  @Test
  void selectAndExamineReportTheFolder() throws Exception {
    imap.deliver("Subject: one\n\nbody\n");
    imap.deliver("Subject: two\n\nbody\n");
    long validity = imap.inbox().uidValidity();
    ImapClient c = imap.login();
    c.script(
        """
        C: a SELECT inbox
        S: * FLAGS (\\Draft \\Flagged \\Answered \\Seen \\Deleted)
        S: * 2 EXISTS
        S: * 2 RECENT
        S: * OK [UNSEEN 1] First unseen
        S: * OK [UIDVALIDITY %d] UIDs valid
        S: * OK [UIDNEXT 3] Predicted next UID
        S: * OK [PERMANENTFLAGS (\\Draft \\Flagged \\Answered \\Seen \\Deleted \\*)] Flags permitted
        S: * OK [HIGHESTMODSEQ *] Highest
        S: a OK [READ-WRITE] SELECT completed
        C: b EXAMINE INBOX
        S: * FLAGS *
        S: * 2 EXISTS
        S: * 0 RECENT
        S: * OK [UNSEEN 1] First unseen
        S: * OK [UIDVALIDITY *
        S: * OK [UIDNEXT 3] *
        S: * OK [PERMANENTFLAGS ()] Flags permitted
        S: * OK [HIGHESTMODSEQ *] Highest
        S: b OK [READ-ONLY] EXAMINE completed
        C: c STORE 1 +FLAGS \\Seen
        S: c NO [READ-ONLY] Mailbox is read-only
        C: d SELECT nosuch
        S: d NO [NONEXISTENT] Mailbox doesn't exist
        C: e FETCH 1 FLAGS
        S: e BAD Select a mailbox first
        """
            .formatted(validity));
  }

  @Test
  void specialUseFoldersAreCreatedAtLoginAndListed() throws Exception {
    ImapClient c = imap.login();
    c.script(
        """
        C: a LIST "" *
        S: * LIST (\\HasNoChildren) "." INBOX
        S: * LIST (\\HasNoChildren \\Drafts) "." Drafts
        S: * LIST (\\HasNoChildren \\Junk) "." Junk
        S: * LIST (\\HasNoChildren \\Sent) "." Sent
        S: * LIST (\\HasNoChildren \\Trash) "." Trash
        S: a OK LIST completed
        C: b LIST "" ""
        S: * LIST (\\Noselect) "." ""
        S: b OK LIST completed
        C: c LIST (SPECIAL-USE) "" *
        S: * LIST (\\HasNoChildren \\Drafts) "." Drafts
        S: * LIST (\\HasNoChildren \\Junk) "." Junk
        S: * LIST (\\HasNoChildren \\Sent) "." Sent
        S: * LIST (\\HasNoChildren \\Trash) "." Trash
        S: c OK LIST completed
        """);
  }

  @Test
  void createRenameDeleteAndWildcards() throws Exception {
    ImapClient c = imap.login();
    c.script(
        """
        C: a CREATE Archive.2024
        S: a OK CREATE completed
        C: b CREATE Projects.
        S: b OK CREATE completed
        C: c CREATE Projects
        S: c NO [ALREADYEXISTS] Mailbox already exists
        C: d CREATE INBOX
        S: d NO [ALREADYEXISTS] Mailbox already exists
        C: e LIST "" %
        S: * LIST (\\HasNoChildren) "." INBOX
        S: * LIST (\\Noselect \\HasChildren) "." Archive
        S: * LIST (\\HasNoChildren \\Drafts) "." Drafts
        S: * LIST (\\HasNoChildren \\Junk) "." Junk
        S: * LIST (\\HasNoChildren) "." Projects
        S: * LIST (\\HasNoChildren \\Sent) "." Sent
        S: * LIST (\\HasNoChildren \\Trash) "." Trash
        S: e OK LIST completed
        C: f LIST Archive %
        S: * LIST (\\HasNoChildren) "." Archive.2024
        S: f OK LIST completed
        C: g RENAME Archive.2024 Projects.Old
        S: g OK RENAME completed
        C: h LIST "" Pro*
        S: * LIST (\\HasChildren) "." Projects
        S: * LIST (\\HasNoChildren) "." Projects.Old
        S: h OK LIST completed
        C: i DELETE Projects.Old
        S: i OK DELETE completed
        C: j DELETE Projects.Old
        S: j NO [NONEXISTENT] Mailbox doesn't exist
        C: k DELETE INBOX
        S: k NO [CANNOT] *
        C: l RENAME nosuch other
        S: l NO [NONEXISTENT] Mailbox doesn't exist
        """);
  }

  @Test
  void aRefusedDeleteOfTheSelectedInboxLeavesItSelected() throws Exception {
    ImapClient c = imap.login();
    c.script(
        """
        C: a SELECT INBOX
        S: * FLAGS *
        S: * 0 EXISTS
        S: * 0 RECENT
        S: * OK [UIDVALIDITY *
        S: * OK [UIDNEXT 1] *
        S: * OK [PERMANENTFLAGS *
        S: * OK [HIGHESTMODSEQ 1] *
        S: a OK [READ-WRITE] SELECT completed
        C: b DELETE inbox
        S: b NO [CANNOT] INBOX cannot be deleted
        C: c SEARCH ALL
        S: * SEARCH
        S: c OK SEARCH completed
        """);
  }

  @Test
  void nonAsciiNamesAreModifiedUtf7OnTheWire() throws Exception {
    ImapClient c = imap.login();
    c.script(
        """
        C: a CREATE "&07jJwA-"
        S: a OK CREATE completed
        C: b LIST "" &*
        S: * LIST (\\HasNoChildren) "." &07jJwA-
        S: b OK LIST completed
        """);
    assertThat(imap.store.mailbox("bann.com", "test").folder("편지")).isPresent();
  }

  @Test
  void subscriptionsAreKeptInTheMaildirsFile() throws Exception {
    ImapClient c = imap.login();
    c.script(
        """
        C: a SUBSCRIBE Sent
        S: a OK SUBSCRIBE completed
        C: b SUBSCRIBE INBOX
        S: b OK SUBSCRIBE completed
        C: c SUBSCRIBE nosuch
        S: c NO [NONEXISTENT] *
        C: d LSUB "" *
        S: * LSUB () "." INBOX
        S: * LSUB () "." Sent
        S: d OK LSUB completed
        C: e LIST (SUBSCRIBED) "" *
        S: * LIST (\\HasNoChildren \\Subscribed) "." INBOX
        S: * LIST (\\HasNoChildren \\Sent \\Subscribed) "." Sent
        S: e OK LIST completed
        C: f UNSUBSCRIBE Sent
        S: f OK UNSUBSCRIBE completed
        C: g LIST "" * RETURN (SUBSCRIBED)
        S: * LIST (\\HasNoChildren \\Subscribed) "." INBOX
        S: * LIST (\\HasNoChildren \\Drafts) "." Drafts
        S: * LIST (\\HasNoChildren \\Junk) "." Junk
        S: * LIST (\\HasNoChildren \\Sent) "." Sent
        S: * LIST (\\HasNoChildren \\Trash) "." Trash
        S: g OK LIST completed
        """);
    Path file = imap.store.mailbox("bann.com", "test").root().resolve("subscriptions");
    assertThat(Files.readAllLines(file)).containsExactly("INBOX");
  }

  @Test
  void statusAndListStatus() throws Exception {
    imap.deliver("Subject: one\n\nbody\n");
    imap.inbox().setFlags(imap.deliver("Subject: two\n\nbody\n"), mxlab.store.Flags.of(Flag.SEEN));
    ImapClient c = imap.login();
    c.script(
        """
        C: a STATUS INBOX (MESSAGES UNSEEN UIDNEXT RECENT UIDVALIDITY)
        S: * STATUS INBOX (MESSAGES 2 UNSEEN 1 UIDNEXT 3 RECENT 2 UIDVALIDITY *)
        S: a OK STATUS completed
        C: b STATUS nosuch (MESSAGES)
        S: b NO [NONEXISTENT] *
        C: c STATUS INBOX (BOGUS)
        S: c BAD Unknown STATUS item BOGUS
        C: d LIST "" "IN*" RETURN (STATUS (MESSAGES UNSEEN))
        S: * LIST (\\HasNoChildren) "." INBOX
        S: * STATUS INBOX (MESSAGES 2 UNSEEN 1)
        S: d OK LIST completed
        """);
  }

  @Test
  void appendWithFlagsDateAndLiteralGivesAppendUid() throws Exception {
    ImapClient c = imap.login();
    String message = "Subject: hello\r\nFrom: a@b.c\r\n\r\nbody\r\n";
    long validity = imap.inbox().uidValidity();
    c.send(
        "a APPEND INBOX (\\Seen $Forwarded) \"05-Nov-2026 10:00:00 +0100\" {"
            + message.length()
            + "}\r\n");
    c.script("S: + go ahead");
    c.send(message + "\r\n");
    c.script(
        """
        S: a OK [APPENDUID %d 1] APPEND completed
        C: b APPEND Nosuch {3+}
        C: abc
        S: b NO [TRYCREATE] Mailbox doesn't exist
        C: c APPEND Sent {3+}
        C: abc
        S: c OK [APPENDUID * 1] APPEND completed
        """
            .formatted(validity));
    Message m = imap.inbox().messages().get(0);
    assertThat(m.flags().has(Flag.SEEN)).isTrue();
    assertThat(m.flags().hasKeyword("$forwarded")).isTrue();
    assertThat(m.internalDate()).hasToString("2026-11-05T09:00:00Z");
    assertThat(Files.readString(m.path(), StandardCharsets.UTF_8))
        .isEqualTo("Subject: hello\nFrom: a@b.c\n\nbody\n"); // stored with LF, as Maildirs are
    assertThat(m.size()).isEqualTo(message.length());
  }

  @Test
  void literalsWorkInAnyStringArgument() throws Exception {
    imap.deliver("Subject: one\n\nbody\n");
    ImapClient c = imap.login();
    c.script(
        """
        C: a CREATE {7}
        S: + go ahead
        C: Archive
        S: a OK CREATE completed
        C: b STATUS {5+}
        C: INBOX (MESSAGES)
        S: * STATUS INBOX (MESSAGES 1)
        S: b OK STATUS completed
        C: c LIST {0+}
        C:  {2+}
        C: A*
        S: * LIST (\\HasNoChildren) "." Archive
        S: c OK LIST completed
        C: d SELECT {5+}
        C: inbox
        S: * FLAGS *
        S: * 1 EXISTS
        S: * 1 RECENT
        S: * OK [UNSEEN 1] *
        S: * OK [UIDVALIDITY *
        S: * OK [UIDNEXT 2] *
        S: * OK [PERMANENTFLAGS *
        S: * OK [HIGHESTMODSEQ *] Highest
        S: d OK [READ-WRITE] SELECT completed
        C: e FETCH 1 (BODY.PEEK[HEADER.FIELDS ({7+}
        C: SUBJECT)])
        S: * 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}
        S: Subject: one
        S:
        S: )
        S: e OK FETCH completed
        C: f COPY 1 {7+}
        C: Archive
        S: f OK [COPYUID * 1 1] COPY completed
        C: g SEARCH SUBJECT {3+}
        C: ONE
        S: * SEARCH 1
        S: g OK SEARCH completed
        """);
  }

  @Test
  void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
    imap.deliver("Subject: one\n\nbody\n");
    imap.deliver("Subject: two\n\nbody\n");
    ImapClient c = imap.login();
    c.script(
        """
        C: a RENAME INBOX Old
        S: a OK RENAME completed
        C: b STATUS INBOX (MESSAGES)
        S: * STATUS INBOX (MESSAGES 0)
        S: b OK STATUS completed
        C: c STATUS Old (MESSAGES)
        S: * STATUS Old (MESSAGES 2)
        S: c OK STATUS completed
        C: d RENAME INBOX Old
        S: d NO [ALREADYEXISTS] Target mailbox already exists
        """);
  }

  @Test
  void lsubShowsTheParentOfASubscribedFolderThatPercentHides() throws Exception {
    ImapClient c = imap.login();
    c.script(
        """
        C: a CREATE Lists.mxlab
        S: a OK CREATE completed
        C: b SUBSCRIBE Lists.mxlab
        S: b OK SUBSCRIBE completed
        C: c LSUB "" %
        S: * LSUB (\\Noselect) "." Lists
        S: c OK LSUB completed
        C: d LSUB "" *
        S: * LSUB () "." Lists.mxlab
        S: d OK LSUB completed
        """);
  }
}
