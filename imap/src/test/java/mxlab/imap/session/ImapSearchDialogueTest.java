package mxlab.imap.session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import mxlab.store.Flag;
import mxlab.store.Flags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEARCH and UID SEARCH with the keys of RFC 3501 6.4.4 and CHARSET. */
class ImapSearchDialogueTest {
  @TempDir Path data;
  ImapFixture imap;
  ImapClient c;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    var inbox = imap.inbox();
    inbox.append(
        bytes(
            "Date: Tue, 3 Nov 2026 10:00:00 +0000\nFrom: Alice <alice@north.lab>\nTo: test@bann.com\n"
                + "Subject: Lunch plans\nX-Priority: 1\n\nLet's meet at noon.\n"),
        Flags.of(Flag.SEEN, Flag.ANSWERED),
        Instant.parse("2026-11-03T10:00:00Z"));
    inbox.append(
        bytes(
            "Date: Wed, 25 Nov 2026 10:00:00 +0000\nFrom: bob@south.lab\nTo: test@bann.com\n"
                + "Cc: carol@bann.com\nSubject: =?UTF-8?B?7JWI64WV7ZWY7IS47JqU?=\n"
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
                + "7ISc7Jq47JeQ7IScIOunjOuCmOyalA==\n"),
        Flags.of(Flag.FLAGGED).plus(Flags.parse(java.util.List.of("$Work"))),
        Instant.parse("2026-11-25T10:00:00Z"));
    inbox.append(
        bytes("From: spam@evil.com\nSubject: WIN\n\n" + "x".repeat(2000) + "\n"),
        Flags.of(Flag.DELETED),
        Instant.parse("2026-11-30T10:00:00Z"));
    c = imap.selected();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  @Test
  void flagKeys() throws Exception {
    c.script(
        """
        C: a SEARCH SEEN
        S: * SEARCH 1
        S: a OK SEARCH completed
        C: b SEARCH UNSEEN UNDELETED
        S: * SEARCH 2
        S: b OK SEARCH completed
        C: c SEARCH ANSWERED
        S: * SEARCH 1
        S: c OK SEARCH completed
        C: d SEARCH OR FLAGGED DELETED
        S: * SEARCH 2 3
        S: d OK SEARCH completed
        C: e SEARCH NOT (FLAGGED DELETED)
        S: * SEARCH 1 2 3
        S: e OK SEARCH completed
        C: f SEARCH KEYWORD $work
        S: * SEARCH 2
        S: f OK SEARCH completed
        C: g SEARCH UNKEYWORD $WORK UNANSWERED UNFLAGGED UNDRAFT
        S: * SEARCH 3
        S: g OK SEARCH completed
        C: h SEARCH NEW
        S: * SEARCH 2 3
        S: h OK SEARCH completed
        C: i SEARCH RECENT
        S: * SEARCH 1 2 3
        S: i OK SEARCH completed
        C: j SEARCH OLD ALL DRAFT
        S: * SEARCH
        S: j OK SEARCH completed
        """);
  }

  @Test
  void headerAndTextKeysDecodeWhatTheyCompare() throws Exception {
    c.script(
        """
        C: a SEARCH FROM alice
        S: * SEARCH 1
        S: a OK SEARCH completed
        C: b SEARCH CHARSET UTF-8 SUBJECT {6+}
        C: 안녕
        S: * SEARCH 2
        S: b OK SEARCH completed
        C: c SEARCH CC CAROL TO test@bann.com
        S: * SEARCH 2
        S: c OK SEARCH completed
        C: d SEARCH HEADER X-Priority ""
        S: * SEARCH 1
        S: d OK SEARCH completed
        C: e SEARCH BODY noon
        S: * SEARCH 1
        S: e OK SEARCH completed
        C: f SEARCH CHARSET utf-8 BODY "만나요"
        S: * SEARCH 2
        S: f OK SEARCH completed
        C: g SEARCH TEXT evil.com
        S: * SEARCH 3
        S: g OK SEARCH completed
        C: h SEARCH BCC nobody
        S: * SEARCH
        S: h OK SEARCH completed
        C: i SEARCH CHARSET KOI8-R BODY x
        S: i NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset
        """);
  }

  @Test
  void dateSizeAndSetKeys() throws Exception {
    c.script(
        """
        C: a SEARCH BEFORE 25-Nov-2026
        S: * SEARCH 1
        S: a OK SEARCH completed
        C: b SEARCH ON 25-nov-2026
        S: * SEARCH 2
        S: b OK SEARCH completed
        C: c SEARCH SINCE "25-Nov-2026"
        S: * SEARCH 2 3
        S: c OK SEARCH completed
        C: d SEARCH SENTBEFORE 4-Nov-2026
        S: * SEARCH 1
        S: d OK SEARCH completed
        C: e SEARCH SENTON 25-Nov-2026
        S: * SEARCH 2
        S: e OK SEARCH completed
        C: f SEARCH SENTSINCE 1-Nov-2026
        S: * SEARCH 1 2
        S: f OK SEARCH completed
        C: g SEARCH LARGER 1000
        S: * SEARCH 3
        S: g OK SEARCH completed
        C: h SEARCH SMALLER 1000
        S: * SEARCH 1 2
        S: h OK SEARCH completed
        C: i SEARCH 2:*
        S: * SEARCH 2 3
        S: i OK SEARCH completed
        C: j UID SEARCH UID *:2
        S: * SEARCH 2 3
        S: j OK UID SEARCH completed
        C: k UID SEARCH 1,3
        S: * SEARCH 1 3
        S: k OK UID SEARCH completed
        C: l SEARCH FROB
        S: l BAD Unknown search key FROB
        C: m SEARCH BEFORE 31-Feb-2026
        S: m BAD Invalid date: 31-Feb-2026
        """);
  }
}
