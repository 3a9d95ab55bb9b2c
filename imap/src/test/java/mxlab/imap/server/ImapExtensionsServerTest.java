package mxlab.imap.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONDSTORE, ESEARCH, UTF8=ACCEPT and BINARY over a real socket on port 0: literal8 APPENDs and
 * FETCH responses on the wire, and mod-sequences (and who saw what first, \Recent) that survive a
 * restart of the server and its store.
 */
class ImapExtensionsServerTest {
  private static final String MESSAGE = "Subject: Grüße\r\nFrom: jörg@bann.com\r\n\r\nHallo\r\n";
  private static final int OCTETS = MESSAGE.getBytes(StandardCharsets.UTF_8).length;

  @TempDir Path data;
  private ImapServerFixture fixture;
  private LineServer imaps;

  @BeforeEach
  void start() throws Exception {
    fixture = new ImapServerFixture(data, ImapServerFixture.SPEC, true);
    imaps = fixture.start(true);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static void selectUntilOk(Dialogue d, String tag, String highest) throws Exception {
    String line;
    do {
      line = d.reply();
    } while (!line.startsWith("* OK [HIGHESTMODSEQ"));
    d.expect(tag + " OK [READ-WRITE] *");
    org.assertj.core.api.Assertions.assertThat(line).isEqualTo(highest);
  }

  @Test
  void utf8AppendsEsearchAndModseqsThatSurviveARestart() throws Exception {
    try (Dialogue d = Dialogue.connectTls(imaps.address())) {
      d.expect(
          "* OK [CAPABILITY * CONDSTORE ESEARCH SEARCHRES UTF8=ACCEPT *] mxlab IMAP4rev1 ready");
      d.send("a LOGIN test changeme").expect("a OK *");
      d.send("b ENABLE CONDSTORE UTF8=ACCEPT").expect("* ENABLED CONDSTORE UTF8=ACCEPT");
      d.expect("b OK ENABLE completed");
      d.raw("c APPEND \"INBOX\" (\\Seen) UTF8 (~{" + OCTETS + "}\r\n");
      d.expect("+ go ahead");
      d.raw(MESSAGE + ")\r\n").expect("c OK [APPENDUID * 1] APPEND completed");
      d.raw("d APPEND INBOX UTF8 (~{" + OCTETS + "+}\r\n" + MESSAGE + ")\r\n");
      d.expect("d OK [APPENDUID * 2] APPEND completed");
      d.send("e SELECT INBOX");
      selectUntilOk(d, "e", "* OK [HIGHESTMODSEQ 3] Highest");
      d.send("f UID STORE 1:2 (UNCHANGEDSINCE 2) +FLAGS.SILENT (\\Flagged)");
      d.expect("* 1 FETCH (UID 1 MODSEQ (4))");
      d.expect("f OK [MODIFIED 2] Conditional STORE failed");
      d.send("g UID SEARCH RETURN (ALL COUNT) MODSEQ 3");
      d.expect("* ESEARCH (TAG \"g\") UID ALL 1:2 COUNT 2 MODSEQ 4");
      d.expect("g OK UID SEARCH completed");
      d.send("h FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
      d.expect("* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {20}");
      d.expect("Subject: Grüße");
    }
    fixture.restart();
    imaps = fixture.start(true);
    fixture.deliver("after the restart");
    try (Dialogue d = Dialogue.connectTls(imaps.address())) {
      d.expect("* OK *");
      d.send("a LOGIN test changeme").expect("a OK *");
      d.send("b STATUS INBOX (MESSAGES RECENT HIGHESTMODSEQ)");
      d.expect("* STATUS INBOX (MESSAGES 3 RECENT 1 HIGHESTMODSEQ 5)");
      d.expect("b OK STATUS completed");
      d.send("c SELECT INBOX (CONDSTORE)");
      selectUntilOk(d, "c", "* OK [HIGHESTMODSEQ 5] Highest");
      d.send("d FETCH 1:* (UID FLAGS) (CHANGEDSINCE 3)");
      d.expect("* 1 FETCH (UID 1 FLAGS (\\Flagged \\Seen) MODSEQ (4))");
      d.expect("* 3 FETCH (UID 3 FLAGS (\\Recent) MODSEQ (5))"); // the first to see it
      d.expect("d OK FETCH completed");
    }
  }

  @Test
  void binaryAppendAndFetchCarryNulAsLiteral8() throws Exception {
    String message =
        "Subject: raw\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
            + "--B\r\nContent-Transfer-Encoding: binary\r\n\r\nA\0B\r\n"
            + "--B\r\nContent-Transfer-Encoding: base64\r\n\r\nWABZ\r\n--B--\r\n";
    try (Dialogue d = Dialogue.connectTls(imaps.address())) {
      d.expect("* OK [CAPABILITY * UTF8=ACCEPT BINARY *] mxlab IMAP4rev1 ready");
      d.send("a LOGIN test changeme").expect("a OK *");
      d.raw("b APPEND INBOX ~{" + message.length() + "+}\r\n" + message + "\r\n");
      d.expect("b OK [APPENDUID * 1] APPEND completed");
      d.send("c EXAMINE INBOX");
      String line;
      do {
        line = d.expect("*");
      } while (!line.startsWith("c OK"));
      d.send("d FETCH 1 (BINARY.SIZE[2] BINARY[2] BINARY[1]<1.1>)");
      d.expect("* 1 FETCH (BINARY.SIZE[2] 3 BINARY[2] ~{3}");
      d.expect("X\0Y BINARY[1]<1> ~{1}");
      d.expect("\0)");
      d.expect("d OK FETCH completed");
    }
  }
}
