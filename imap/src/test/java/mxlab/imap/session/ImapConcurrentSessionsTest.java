package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mxlab.store.Flag;
import mxlab.store.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several sessions, each on its own thread, appending, flagging, expunging and moving in one folder
 * at once: afterwards every session's view is the folder, and nothing is lost.
 */
class ImapConcurrentSessionsTest {
  static final int SESSIONS = 4;
  static final int ROUNDS = 15;

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
  void everyViewEndsConsistentAndNothingIsLost() throws Exception {
    List<ImapClient> clients = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      ImapClient c = imap.login();
      c.script(
          """
          C: s SELECT INBOX
          S: * FLAGS *
          S: * 0 EXISTS
          S: * 0 RECENT
          S: * OK [UIDVALIDITY *
          S: * OK [UIDNEXT *
          S: * OK [PERMANENTFLAGS *
          S: * OK [HIGHESTMODSEQ *] Highest
          S: s OK [READ-WRITE] SELECT completed
          """);
      clients.add(c);
    }
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    List<Future<Integer>> moved = new ArrayList<>();
    for (ImapClient c : clients) {
      moved.add(pool.submit(() -> work(c)));
    }
    int movedToTrash = 0;
    for (Future<Integer> f : moved) {
      movedToTrash += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<Long> uids = imap.inbox().messages().stream().map(Message::uid).toList();
    for (ImapClient c : clients) {
      c.send("n NOOP\r\nf UID FETCH 1:* UID\r\n");
      List<Long> seen = new ArrayList<>();
      for (String line : c.pending()) {
        if (line.matches("\\* \\d+ FETCH \\(UID \\d+\\)")) {
          seen.add(Long.parseLong(line.replaceAll(".*UID (\\d+)\\)", "$1")));
        }
      }
      assertThat(seen).isEqualTo(uids);
    }
    // each session appended 2 a round, moved one, expunged the other every third round
    int trash =
        imap.store.mailbox("bann.com", "test").folder("Trash").orElseThrow().messages().size();
    assertThat(trash).isEqualTo(movedToTrash);
    assertThat(trash).isEqualTo(SESSIONS * ROUNDS);
    assertThat(uids).hasSize(SESSIONS * (ROUNDS - (ROUNDS + 2) / 3));
    assertThat(imap.inbox().messages()).allMatch(m -> m.flags().has(Flag.FLAGGED));
  }

  /** Runs on its own thread: the session is used only here until the end. */
  private static int work(ImapClient c) throws Exception {
    int moved = 0;
    for (int r = 0; r < ROUNDS; r++) {
      c.send("a APPEND INBOX {14+}\r\nSubject: x\r\n\r\n\r\n");
      long first = appended(c.pending());
      c.send("b APPEND INBOX {14+}\r\nSubject: y\r\n\r\n\r\n");
      long second = appended(c.pending());
      boolean expunge = r % 3 == 0;
      c.send(
          "c UID STORE " + second + " +FLAGS (" + (expunge ? "\\Deleted" : "\\Flagged") + ")\r\n");
      c.send("d UID EXPUNGE " + second + "\r\n");
      c.send("e UID MOVE " + first + " Trash\r\n");
      for (String line : c.pending()) {
        if (line.startsWith("* OK [COPYUID")) {
          moved++;
        }
      }
    }
    return moved;
  }

  private static long appended(List<String> lines) {
    String ok = lines.get(lines.size() - 1);
    return Long.parseLong(ok.replaceAll(".*APPENDUID \\d+ (\\d+)\\].*", "$1"));
  }
}
