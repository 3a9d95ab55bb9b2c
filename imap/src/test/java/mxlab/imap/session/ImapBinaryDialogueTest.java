package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mxlab.store.Flag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BINARY (RFC 3516): parts decoded, their decoded sizes, literal8 for NUL, APPEND of literal8. */
class ImapBinaryDialogueTest {
  static final String ATTACHMENTS =
      """
      From: a@bann.com
      To: test@bann.com
      Subject: attachments
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="B"

      --B
      Content-Type: text/plain; charset=UTF-8
      Content-Transfer-Encoding: quoted-printable

      Caf=C3=A9 au lait=
      tr=C3=A8s bon
      --B
      Content-Type: application/pdf
      Content-Transfer-Encoding: BASE64

      JVBERi0xLjQg
      dGlueQ==
      --B
      Content-Type: application/octet-stream
      Content-Transfer-Encoding: base64

      aGVsbG8Ad29ybGQ=
      --B
      Content-Type: application/octet-stream
      Content-Transfer-Encoding: x-uuencode

      begin 644 x
      --B
      Content-Type: message/rfc822

      Subject: inner

      inner body
      --B--
      """;

  static final String SINGLE_BASE64 =
      """
      From: a@bann.com
      Subject: one part
      Content-Type: text/plain
      Content-Transfer-Encoding: base64

      aGkgdGhlcmU=
      """;

  @TempDir Path data;
  ImapFixture imap;
  ImapClient c;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    imap.deliver(ATTACHMENTS);
    imap.deliver(SINGLE_BASE64);
    c = imap.selected();
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  @Test
  void base64AttachmentDecodedAndPeekLeavesSeenAlone() throws Exception {
    c.script(
        """
        C: a FETCH 1 BINARY.PEEK[2]
        S: * 1 FETCH (BINARY[2] {13}
        S: %PDF-1.4 tiny)
        S: a OK FETCH completed
        C: b FETCH 2 BINARY.PEEK[1]
        S: * 2 FETCH (BINARY[1] {8}
        S: hi there)
        S: b OK FETCH completed
        C: c FETCH 1:2 FLAGS
        S: * 1 FETCH (FLAGS (\\Recent))
        S: * 2 FETCH (FLAGS (\\Recent))
        S: c OK FETCH completed
        """);
    assertThat(imap.inbox().message(1).orElseThrow().flags().has(Flag.SEEN)).isFalse();
  }

  @Test
  void binaryWithoutPeekSetsSeenAndBinarySizeDoesNot() throws Exception {
    c.script(
        """
        C: a FETCH 1 BINARY.SIZE[2]
        S: * 1 FETCH (BINARY.SIZE[2] 13)
        S: a OK FETCH completed
        C: b FETCH 1 BINARY[2]
        S: * 1 FETCH (BINARY[2] {13}
        S: %PDF-1.4 tiny FLAGS (\\Seen \\Recent))
        S: b OK FETCH completed
        """);
    assertThat(imap.inbox().message(1).orElseThrow().flags().has(Flag.SEEN)).isTrue();
  }

  @Test
  void quotedPrintableTextDecodedWithItsDecodedSize() throws Exception {
    int octets = "Café au laittrès bon".getBytes(StandardCharsets.UTF_8).length;
    c.script(
        """
        C: a FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1] BODY.PEEK[1])
        S: * 1 FETCH (BINARY.SIZE[1] %d BINARY[1] {%d}
        S: Café au laittrès bon BODY[1] {33}
        S: Caf=C3=A9 au lait=
        S: tr=C3=A8s bon)
        S: a OK FETCH completed
        """
            .formatted(octets, octets));
    assertThat(octets).isEqualTo(22);
  }

  @Test
  void partialFetchCountsDecodedOctets() throws Exception {
    c.script(
        """
        C: a FETCH 1 (BINARY.PEEK[2]<5.3> BINARY.PEEK[1]<3.3> BINARY.PEEK[2]<100.5>)
        S: * 1 FETCH (BINARY[2]<5> {3}
        S: 1.4 BINARY[1]<3> {3}
        S: é  BINARY[2]<100> {0}
        S: )
        S: a OK FETCH completed
        """);
  }

  @Test
  void dataWithNulGoesAsLiteral8() throws Exception {
    c.script(
        """
        C: a FETCH 1 (BINARY.SIZE[3] BINARY.PEEK[3])
        S: * 1 FETCH (BINARY.SIZE[3] 11 BINARY[3] ~{11}
        S: hello\0world)
        S: a OK FETCH completed
        """);
  }

  @Test
  void unknownEncodingAndPartsThatAreNoLeaves() throws Exception {
    c.script(
        """
        C: a FETCH 1 BINARY.PEEK[4]
        S: a NO [UNKNOWN-CTE] Unknown Content-Transfer-Encoding x-uuencode
        C: b FETCH 1 BINARY.SIZE[4]
        S: b NO [UNKNOWN-CTE] Unknown Content-Transfer-Encoding x-uuencode
        C: c FETCH 1 BINARY[5]
        S: c NO BINARY needs a leaf part, not message/rfc822
        C: d FETCH 1 BINARY.PEEK[5.1]
        S: * 1 FETCH (BINARY[5.1] {10}
        S: inner body)
        S: d OK FETCH completed
        C: e FETCH 1 BINARY.PEEK[]
        S: e BAD BINARY needs a part number: the message itself is no leaf
        C: f FETCH 1 BINARY.PEEK[1.MIME]
        S: f BAD BINARY takes part numbers only, not 1.MIME
        C: g FETCH 1 BINARY.PEEK[HEADER]
        S: g BAD BINARY takes part numbers only, not HEADER
        C: h FETCH 1 BINARY.PEEK[9]
        S: * 1 FETCH (BINARY[9] {0}
        S: )
        S: h OK FETCH completed
        C: i FETCH 1 FLAGS
        S: * 1 FETCH (FLAGS (\\Recent))
        S: i OK FETCH completed
        """);
    // the failed BINARY[5] left the message unread
    assertThat(imap.inbox().message(1).orElseThrow().flags().has(Flag.SEEN)).isFalse();
  }

  @Test
  void appendTakesALiteral8WithNul() throws Exception {
    String message =
        "Subject: raw\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: binary\r\n\r\nA\0B\r\n";
    int octets = message.getBytes(StandardCharsets.UTF_8).length;
    c.send("p APPEND INBOX ~{" + octets + "}\r\n");
    c.script("S: + go ahead");
    c.send(message + "\r\n");
    c.send("q APPEND INBOX ~{" + octets + "+}\r\n" + message + "\r\n");
    c.script(
        """
        S: * 3 EXISTS
        S: * 3 RECENT
        S: p OK [APPENDUID * 3] APPEND completed
        S: * 4 EXISTS
        S: * 4 RECENT
        S: q OK [APPENDUID * 4] APPEND completed
        C: r FETCH 3:4 BINARY.PEEK[1]
        S: * 3 FETCH (BINARY[1] ~{5}
        S: A\0B
        S: )
        S: * 4 FETCH (BINARY[1] ~{5}
        S: A\0B
        S: )
        S: r OK FETCH completed
        """);
  }
}
