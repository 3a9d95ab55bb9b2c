package mxlab.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEARCHRES (RFC 5182) over a real socket: SEARCH RETURN (SAVE) and {@code $}. */
class ImapSearchResServerTest {
  @TempDir Path data;
  private ImapServerFixture fixture;
  private LineServer imap;

  @BeforeEach
  void start() throws Exception {
    fixture = new ImapServerFixture(data, ImapServerFixture.SPEC, true);
    imap = fixture.start(true); // IMAPS: no LOGIN in the clear
    for (int i = 1; i <= 6; i++) {
      fixture.deliver("m" + i); // UIDs 1..6
    }
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** The lines up to and with the tagged reply of {@code tag}. */
  private static List<String> until(Dialogue d, String tag) throws Exception {
    List<String> lines = new ArrayList<>();
    String line;
    do {
      line = d.expect("*");
      lines.add(line);
    } while (!line.startsWith(tag + " "));
    return lines;
  }

  private static Dialogue selected(LineServer imap) throws Exception {
    Dialogue d = Dialogue.connectTls(imap.address());
    d.expect("* OK [CAPABILITY * ESEARCH SEARCHRES *] mxlab IMAP4rev1 ready");
    d.send("x1 LOGIN test changeme").expect("x1 OK *");
    d.send("x2 SELECT INBOX");
    assertThat(until(d, "x2")).last().asString().startsWith("x2 OK");
    return d;
  }

  @Test
  void savedResultIsUsableWhereverASequenceSetIs() throws Exception {
    try (Dialogue d = selected(imap)) {
      d.script(
          """
          C: a SEARCH RETURN (SAVE) 2:4
          S: a OK SEARCH completed
          C: b FETCH $ (UID)
          S: * 2 FETCH (UID 2)
          S: * 3 FETCH (UID 3)
          S: * 4 FETCH (UID 4)
          S: b OK FETCH completed
          C: c UID SEARCH $ 3:*
          S: * SEARCH 3 4
          S: c OK UID SEARCH completed
          C: d SEARCH UID $ NOT 3
          S: * SEARCH 2 4
          S: d OK SEARCH completed
          C: e SEARCH RETURN (SAVE MIN MAX) 2:5
          S: * ESEARCH (TAG "e") MIN 2 MAX 5
          S: e OK SEARCH completed
          C: f UID FETCH $ (UID)
          S: * 2 FETCH (UID 2)
          S: * 5 FETCH (UID 5)
          S: f OK UID FETCH completed
          C: g SEARCH RETURN (SAVE ALL) $ 5:6
          S: * ESEARCH (TAG "g") ALL 5
          S: g OK SEARCH completed
          """);
      // pipelined: the STORE's $ is the result of the search just before it
      d.raw("i UID SEARCH RETURN (SAVE) 6\r\nj UID STORE $ +FLAGS.SILENT (\\Flagged)\r\n");
      d.expect("i OK UID SEARCH completed");
      d.expect("j OK UID STORE completed");
      d.script(
          """
          C: k SEARCH FLAGGED
          S: * SEARCH 6
          S: k OK SEARCH completed
          C: l SEARCH 1,$
          S: l BAD *
          C: m FETCH $:3 (UID)
          S: m BAD *
          C: n UID SEARCH RETURN (SAVE) NOSUCHKEY
          S: n BAD *
          C: o UID FETCH $ (UID)
          S: o OK UID FETCH completed
          C: p SEARCH RETURN (SAVE) 1
          S: p OK SEARCH completed
          C: q SEARCH RETURN (SAVE) CHARSET KOI8-R 1
          S: q NO [BADCHARSET *] *
          C: r FETCH $ (UID)
          S: r OK FETCH completed
          C: s SEARCH RETURN (SAVE) 1:2
          S: s OK SEARCH completed
          C: t UNSELECT
          S: t OK *
          """);
      d.send("u EXAMINE INBOX");
      assertThat(until(d, "u")).last().asString().startsWith("u OK");
      d.script(
          """
          C: v SEARCH $
          S: * SEARCH
          S: v OK SEARCH completed
          C: w SEARCH RETURN (SAVE COUNT) 3:4
          S: * ESEARCH (TAG "w") COUNT 2
          S: w OK SEARCH completed
          C: x CLOSE
          S: x OK *
          """);
      d.send("y SELECT INBOX");
      assertThat(until(d, "y")).last().asString().startsWith("y OK");
      d.script(
          """
          C: z UID SEARCH RETURN (ALL) $
          S: * ESEARCH (TAG "z") UID
          S: z OK UID SEARCH completed
          """);
    }
  }

  @Test
  void messagesExpungedByAnotherSessionLeaveTheSavedResult() throws Exception {
    try (Dialogue a = selected(imap);
        Dialogue b = selected(imap)) {
      a.script(
          """
          C: a UID SEARCH RETURN (SAVE) 1:3
          S: a OK UID SEARCH completed
          """);
      b.script(
          """
          C: b UID STORE 2 +FLAGS.SILENT (\\Deleted)
          S: b OK UID STORE completed
          C: c EXPUNGE
          S: * 2 EXPUNGE
          S: c OK EXPUNGE completed
          """);
      a.send("d NOOP");
      assertThat(until(a, "d")).contains("* 2 EXPUNGE").last().isEqualTo("d OK NOOP completed");
      a.script(
          """
          C: e UID FETCH $ (UID)
          S: * 1 FETCH (UID 1)
          S: * 2 FETCH (UID 3)
          S: e OK UID FETCH completed
          C: f SEARCH RETURN (COUNT ALL) $
          S: * ESEARCH (TAG "f") ALL 1:2 COUNT 2
          S: f OK SEARCH completed
          """);
    }
  }
}
