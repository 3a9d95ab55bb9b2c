package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several IMAP sessions at once in one INBOX of `mxlab up examples/bann.com.yaml`, each appending,
 * flagging, moving to Archive and expunging, and reading the whole folder by sequence number all
 * the while. Every session's view stays coherent as it goes (sequence numbers within what it was
 * told exists; no EXPUNGE during FETCH, STORE or SEARCH, RFC 3501 7.4.1; NO [EXPUNGEISSUED] for a
 * message expunged elsewhere and not yet reported, RFC 2180 4.1.2), after a NOOP all views are the
 * same, and every appended message is where its session left it, exactly once.
 */
class ImapConcurrencyTest {
  private static final int SESSIONS = 4;
  private static final int ROUNDS = 15;
  private static final Pattern NUMBERED = Pattern.compile("^\\* (\\d+) (EXISTS|EXPUNGE|FETCH)\\b");
  private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)\\]");
  private static final Pattern FETCHED =
      Pattern.compile("^\\* (\\d+) FETCH \\((?=.*UID (\\d+))(?=.*FLAGS \\(([^)]*)\\)).*");
  private static final Pattern MESSAGE_ID = Pattern.compile("Message-ID: <(s\\d+-\\d+)@conc>");

  @TempDir Path data;

  /** What a session did with each message it appended, by Message-ID. */
  enum Fate {
    KEPT,
    MOVED,
    EXPUNGED
  }

  /** One session's view: how many messages it was told of, checked against what it is sent. */
  private static final class View {
    private final ImapDialog dialog;
    private int exists;

    View(ImapDialog dialog) {
      this.dialog = dialog;
    }

    List<String> command(String command) throws Exception {
      List<String> responses = dialog.command(command);
      follow(command, responses);
      return responses;
    }

    List<String> append(String message) throws Exception {
      List<String> responses =
          dialog.withLiteral("APPEND INBOX", message.getBytes(StandardCharsets.UTF_8), "");
      follow("APPEND", responses);
      return responses;
    }

    private void follow(String command, List<String> responses) {
      String verb = command.split(" ")[0].toUpperCase();
      if (verb.equals("SELECT")) {
        exists = 0; // a new view
      }
      for (String r : responses) {
        Matcher m = NUMBERED.matcher(r);
        if (!m.find()) {
          continue;
        }
        int n = Integer.parseInt(m.group(1));
        switch (m.group(2)) {
          case "EXISTS" -> {
            assertThat(n).as("EXISTS never shrinks the view: %s", r).isGreaterThanOrEqualTo(exists);
            exists = n;
          }
          case "EXPUNGE" -> {
            assertThat(verb)
                .as("RFC 3501 7.4.1: no EXPUNGE during %s", command)
                .isNotIn("FETCH", "STORE", "SEARCH");
            assertThat(n).as("%s within the view of %d", r, exists).isBetween(1, exists);
            exists--;
          }
          default -> assertThat(n).as("%s within the view of %d", r, exists).isBetween(1, exists);
        }
      }
      String tagged = ImapDialog.tagged(responses);
      if (verb.equals("FETCH") || verb.equals("STORE")) {
        // RFC 2180 4.1.2 and 4.2.1: a message another session expunged, not yet reported here
        assertThat(tagged).as(command).matches("t\\d+ (OK|NO \\[EXPUNGEISSUED\\]).*");
      } else {
        assertThat(tagged).as(command).matches("t\\d+ OK.*");
      }
    }
  }

  @Test
  void sessionsAppendFlagMoveAndExpungeInOneMailboxAndAgreeAfterwards() throws Exception {
    try (MxlabProcess mxlab = MxlabProcess.tutorial(data, "imap=0")) {
      exercise("127.0.0.1", mxlab.port("imap"));
    }
  }

  /** The same load on Dovecot, so that what is checked is IMAP's rules, not mxlab's habits. */
  @Test
  void dovecotPassesTheSameChecks() throws Exception {
    DovecotMigration.requireDovecot("imap", "dovecot-imapd");
    String address = "127.0.22.2";
    int port = Tools.freePort(address);
    DovecotMigration migration = new DovecotMigration(data, address, "imap", port);
    migration.mxlab(0).close(); // the Maildirs, as mxlab lays them out
    Path conf = migration.startDovecot();
    try {
      exercise(address, port);
    } finally {
      DovecotMigration.stopDovecot(conf);
    }
  }

  private void exercise(String host, int port) throws Exception {
    List<View> views = new ArrayList<>();
    for (int s = 0; s < SESSIONS; s++) {
      View v = new View(ImapDialog.connect(host, port));
      v.command("LOGIN test@bann.com changeme");
      if (s == 0) {
        v.command("CREATE Archive");
      }
      v.command("SELECT INBOX");
      views.add(v);
    }
    Map<String, Fate> fates = new ConcurrentHashMap<>();
    CyclicBarrier start = new CyclicBarrier(SESSIONS);
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    List<Future<?>> work = new ArrayList<>();
    for (int s = 0; s < SESSIONS; s++) {
      int session = s;
      work.add(
          pool.submit(
              () -> {
                start.await();
                work(session, views.get(session), fates);
                return null;
              }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).as("sessions finished").isTrue();
    for (Future<?> f : work) {
      f.get(); // a failed assertion in a session fails the test here
    }

    // every view the same after a NOOP, and what a new session sees
    List<Map<Integer, String>> seen = new ArrayList<>();
    for (View v : views) {
      v.command("NOOP");
      seen.add(folder(v, v.exists));
    }
    View fresh = new View(ImapDialog.connect(host, port));
    fresh.command("LOGIN test@bann.com changeme");
    fresh.command("SELECT INBOX");
    Map<Integer, String> inbox = folder(fresh, fresh.exists);
    assertThat(seen).as("every session's INBOX, by sequence number").allMatch(inbox::equals);

    // nothing lost: each message where its session left it, once
    Map<String, Integer> inInbox = messageIds(fresh);
    fresh.command("SELECT Archive");
    Map<String, Integer> inArchive = messageIds(fresh);
    assertThat(fates).hasSize(SESSIONS * ROUNDS);
    fates.forEach(
        (id, fate) -> {
          assertThat(inInbox.getOrDefault(id, 0))
              .as("%s in INBOX", id)
              .isEqualTo(fate == Fate.KEPT ? 1 : 0);
          assertThat(inArchive.getOrDefault(id, 0))
              .as("%s in Archive", id)
              .isEqualTo(fate == Fate.MOVED ? 1 : 0);
        });
    // and kept its session's flags, in INBOX as in Archive (MOVE keeps them)
    assertThat(folder(fresh, fresh.exists).values())
        .allMatch(flags -> flags.contains("\\Flagged") && flags.matches(".*\\$S\\d.*"));
    for (View v : views) {
      v.command("LOGOUT");
    }
  }

  /**
   * A session's rounds: APPEND, flag its own message, sometimes move or expunge it; read the whole
   * folder by sequence number, set \Seen on its first message, search.
   */
  private static void work(int session, View v, Map<String, Fate> fates) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String id = "s" + session + "-" + round;
      List<String> appended =
          v.append(
              "From: s"
                  + session
                  + "@bann.com\r\nSubject: "
                  + id
                  + "\r\nMessage-ID: <"
                  + id
                  + "@conc>\r\n\r\nround "
                  + round
                  + "\r\n");
      Matcher uid = APPENDUID.matcher(ImapDialog.tagged(appended));
      assertThat(uid.find()).as("APPENDUID in %s", appended).isTrue();
      String u = uid.group(1);
      v.command("UID STORE " + u + " +FLAGS (\\Flagged $S" + session + ")");
      Fate fate = Fate.KEPT;
      if (round % 3 == 1) {
        v.command("UID MOVE " + u + " Archive");
        fate = Fate.MOVED;
      } else if (round % 5 == 2) {
        v.command("UID STORE " + u + " +FLAGS.SILENT (\\Deleted)");
        v.command("UID EXPUNGE " + u);
        fate = Fate.EXPUNGED;
      }
      fates.put(id, fate);
      if (v.exists > 0) {
        v.command("FETCH 1:* (UID FLAGS)");
        v.command("STORE 1 +FLAGS (\\Seen)");
      }
      v.command("SEARCH FLAGGED");
      v.command("NOOP");
    }
  }

  /** Sequence number to "UID flags" (sorted, but \Recent) of the whole selected folder, by V. */
  private static Map<Integer, String> folder(View v, int exists) throws Exception {
    Map<Integer, String> folder = new HashMap<>();
    if (exists == 0) {
      return folder;
    }
    List<String> responses = v.command("FETCH 1:* (UID FLAGS)");
    assertThat(ImapDialog.tagged(responses)).as("nothing unreported after NOOP").contains(" OK ");
    for (String r : responses) {
      Matcher m = FETCHED.matcher(r);
      if (m.matches()) {
        List<String> flags = new ArrayList<>(List.of(m.group(3).split(" ")));
        flags.remove("\\Recent"); // one session's alone (RFC 3501 2.3.2): Dovecot sets it
        flags.sort(String.CASE_INSENSITIVE_ORDER);
        folder.put(Integer.parseInt(m.group(1)), m.group(2) + " " + String.join(" ", flags));
      }
    }
    assertThat(folder.keySet()).as("one FETCH a message").hasSize(exists);
    return folder;
  }

  /** How often each Message-ID occurs in the selected folder. */
  private static Map<String, Integer> messageIds(View v) throws Exception {
    Map<String, Integer> ids = new HashMap<>();
    if (v.exists == 0) {
      return ids;
    }
    for (String r : v.command("FETCH 1:* BODY.PEEK[HEADER.FIELDS (Message-ID)]")) {
      Matcher m = MESSAGE_ID.matcher(r);
      if (m.find()) {
        ids.merge(m.group(1), 1, Integer::sum);
      }
    }
    return ids;
  }
}
