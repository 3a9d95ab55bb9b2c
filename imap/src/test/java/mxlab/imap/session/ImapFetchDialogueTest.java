package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mxlab.store.Flag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FETCH and UID FETCH: every item, sections, partial fetches, sizes in CRLF octets. */
class ImapFetchDialogueTest {
  static final String SIMPLE =
      """
      Date: Mon, 30 Nov 2026 09:00:00 +0100
      From: "Sorin S." <sorin@bann.com>
      To: test@bann.com, Group: a@x.org, b@y.org;
      Subject: Hello there
      Message-ID: <1@bann.com>

      line one
      line two
      """;

  static final String MULTIPART =
      """
      From: =?UTF-8?B?6rmA7LKg7IiY?= <kim@bann.kr>
      To: test@bann.com
      Subject: =?UTF-8?B?7JWI64WV7ZWY7IS47JqU?=
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="XYZ"

      preamble
      --XYZ
      Content-Type: text/plain; charset=UTF-8
      Content-Transfer-Encoding: 8bit

      안녕하세요, 세계!
      --XYZ
      Content-Type: text/html; charset=us-ascii
      Content-Disposition: inline

      <p>hi</p>
      --XYZ
      Content-Type: message/rfc822

      Subject: inner
      From: in@side.org

      inner body
      --XYZ--
      """;

  @TempDir Path data;
  ImapFixture imap;
  ImapClient c;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    imap.deliver(SIMPLE);
    imap.deliver(MULTIPART);
    c = imap.selected();
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  static int crlfLength(String lf) {
    return lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void fastItemsAndSizesInCrlfOctets() throws Exception {
    c.script(
        """
        C: a FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE UID)
        S: * 1 FETCH (FLAGS (\\Recent) INTERNALDATE "30-Nov-2026 08:00:00 +0000" RFC822.SIZE %d UID 1)
        S: a OK FETCH completed
        C: b UID FETCH 2 FAST
        S: * 2 FETCH (UID 2 FLAGS (\\Recent) INTERNALDATE "30-Nov-2026 08:00:00 +0000" RFC822.SIZE %d)
        S: b OK UID FETCH completed
        C: c UID FETCH 3:* FLAGS
        S: * 2 FETCH (UID 2 FLAGS (\\Recent))
        S: c OK UID FETCH completed
        C: d FETCH *:1 UID
        S: * 1 FETCH (UID 1)
        S: * 2 FETCH (UID 2)
        S: d OK FETCH completed
        C: e FETCH 1 (BOGUS)
        S: e BAD Unknown FETCH item BOGUS
        C: f FETCH 1 (FAST UID)
        S: f BAD FAST is a macro: write it alone, not in parentheses
        """
            .formatted(crlfLength(SIMPLE), crlfLength(MULTIPART)));
  }

  @Test
  void envelopeWithGroupsAndDisplayNames() throws Exception {
    c.script(
        """
        C: a FETCH 1 ENVELOPE
        S: * 1 FETCH (ENVELOPE ("Mon, 30 Nov 2026 09:00:00 +0100" "Hello there" (("Sorin S." NIL "sorin" "bann.com")) (("Sorin S." NIL "sorin" "bann.com")) (("Sorin S." NIL "sorin" "bann.com")) ((NIL NIL "test" "bann.com")(NIL NIL "Group" NIL)(NIL NIL "a" "x.org")(NIL NIL "b" "y.org")(NIL NIL NIL NIL)) NIL NIL NIL "<1@bann.com>"))
        S: a OK FETCH completed
        """);
  }

  @Test
  void bodystructureOfAMultipartWithAKoreanPart() throws Exception {
    // the CRLF before a boundary belongs to the boundary (RFC 2046 5.1.1)
    int korean = "안녕하세요, 세계!".getBytes(StandardCharsets.UTF_8).length;
    c.script(
        """
        C: a FETCH 2 BODYSTRUCTURE
        S: * 2 FETCH (BODYSTRUCTURE (("text" "plain" ("charset" "UTF-8") NIL NIL "8bit" %d 0 NIL NIL NIL NIL)("text" "html" ("charset" "us-ascii") NIL NIL "7bit" 9 0 NIL ("inline" NIL) NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 47 (NIL "inner" ((NIL NIL "in" "side.org")) ((NIL NIL "in" "side.org")) ((NIL NIL "in" "side.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 0 NIL NIL NIL NIL) 3 NIL NIL NIL NIL) "mixed" ("boundary" "XYZ") NIL NIL NIL))
        S: a OK FETCH completed
        C: b FETCH 2 BODY
        S: * 2 FETCH (BODY (("text" "plain" ("charset" "UTF-8") NIL NIL "8bit" %d 0)("text" "html" ("charset" "us-ascii") NIL NIL "7bit" 9 0)("message" "rfc822" NIL NIL NIL "7bit" 47 (NIL "inner" ((NIL NIL "in" "side.org")) ((NIL NIL "in" "side.org")) ((NIL NIL "in" "side.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 0) 3) "mixed"))
        S: b OK FETCH completed
        """
            .formatted(korean, korean));
    assertThat(korean).isEqualTo(24);
  }

  @Test
  void sectionsAndTheirOctets() throws Exception {
    c.send(
        "a FETCH 2 (BODY.PEEK[1] BODY.PEEK[1.MIME] BODY.PEEK[3.HEADER] BODY.PEEK[3.1] BODY.PEEK[3.TEXT])\r\n");
    String all = String.join("\n", c.pending());
    assertThat(all)
        .isEqualTo(
            "* 2 FETCH (BODY[1] {24}\n안녕하세요, 세계! BODY[1.MIME] {76}\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 8bit\n\n"
                + " BODY[3.HEADER] {37}\nSubject: inner\nFrom: in@side.org\n\n"
                + " BODY[3.1] {10}\ninner body"
                + " BODY[3.TEXT] {10}\ninner body)\n"
                + "a OK FETCH completed");
    assertThat(imap.inbox().message(2).orElseThrow().flags().has(Flag.SEEN)).isFalse();
  }

  @Test
  void headerFieldsNotAndPartialFetches() throws Exception {
    c.send(
        "a FETCH 1 (BODY.PEEK[HEADER.FIELDS (subject FROM)] BODY.PEEK[HEADER.FIELDS.NOT (Date From To Message-ID)])\r\n");
    assertThat(String.join("\n", c.pending()))
        .isEqualTo(
            "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT FROM)] {59}\n"
                + "From: \"Sorin S.\" <sorin@bann.com>\nSubject: Hello there\n\n"
                + " BODY[HEADER.FIELDS.NOT (DATE FROM TO MESSAGE-ID)] {24}\nSubject: Hello there\n\n)\n"
                + "a OK FETCH completed");
    c.send("b FETCH 1 (BODY.PEEK[TEXT]<5.8> BODY.PEEK[]<0.4> BODY.PEEK[TEXT]<100.5>)\r\n");
    assertThat(c.pending())
        .containsExactly(
            "* 1 FETCH (BODY[TEXT]<5> {8}",
            "one", "lin BODY[]<0> {4}", "Date BODY[TEXT]<100> {0}", ")", "b OK FETCH completed");
  }

  @Test
  void bodyWithoutPeekSetsSeenAndReportsTheFlags() throws Exception {
    c.send("a FETCH 1 BODY[TEXT]\r\n");
    assertThat(c.pending())
        .containsExactly(
            "* 1 FETCH (BODY[TEXT] {20}",
            "line one",
            "line two",
            " FLAGS (\\Seen \\Recent))",
            "a OK FETCH completed");
    c.send("b FETCH 1 (FLAGS RFC822.HEADER)\r\n");
    List<String> lines = c.pending();
    assertThat(lines.get(0))
        .isEqualTo(
            "* 1 FETCH (FLAGS (\\Seen \\Recent) RFC822.HEADER {" + (crlfLength(SIMPLE) - 20) + "}");
    c.send("c FETCH 2 RFC822\r\n");
    lines = c.pending();
    assertThat(lines.get(0)).isEqualTo("* 2 FETCH (RFC822 {" + crlfLength(MULTIPART) + "}");
    assertThat(lines).endsWith(" FLAGS (\\Seen \\Recent))", "c OK FETCH completed");
  }

  @Test
  void examinedFoldersAreNotMarkedSeen() throws Exception {
    c.script(
        """
        C: x EXAMINE INBOX
        S: * FLAGS *
        S: * 2 EXISTS
        S: * 0 RECENT
        S: * OK [UNSEEN 1] *
        S: * OK [UIDVALIDITY *
        S: * OK [UIDNEXT *
        S: * OK [PERMANENTFLAGS ()] *
        S: * OK [HIGHESTMODSEQ *] Highest
        S: x OK [READ-ONLY] EXAMINE completed
        """);
    c.send("a FETCH 1 BODY[TEXT]\r\n");
    assertThat(c.pending()).doesNotContain(" FLAGS (\\Seen))");
    assertThat(imap.inbox().message(1).orElseThrow().flags().has(Flag.SEEN)).isFalse();
  }
}
