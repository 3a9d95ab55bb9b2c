package mxlab.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An INBOX of 100,000 messages over a real socket: sequence numbers and UIDs stay right through
 * STORE, EXPUNGE in the middle, another session's change and a delivery, and FETCH 1:* answers
 * every message. The Maildir is written directly (files and a dovecot-uidlist, as Dovecot leaves
 * them), not appended one by one, so the test stays quick.
 */
class ImapLargeMailboxTest {
  private static final int COUNT = 100_000;
  private static final String SPEC =
      """
      version: 1
      server: { hostname: mail.bann.com, allow_plaintext_auth: true }
      domains:
        - name: bann.com
          hosts: { mail: 192.168.0.100 }
          users: [ { name: test, password: "{PLAIN}changeme" } ]
      """;

  @TempDir Path data;
  private ImapServerFixture fixture;
  private LineServer imap;

  @BeforeEach
  void start() throws Exception {
    fixture = new ImapServerFixture(data, SPEC, false);
    imap = fixture.start(false);
    writeMaildir(fixture.drop().mailStore().mailbox("bann.com", "test").root());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /**
   * UIDs 1..COUNT in cur/, every tenth \Seen. Most are hard links to a few files ("Subject:
   * same000", a link costs a directory entry, not a file); the ones the test reads by content have
   * their own subject, of the same length. The names carry both sizes, as ours and Dovecot's do.
   */
  private static void writeMaildir(Path inbox) throws IOException {
    for (String sub : List.of("tmp", "new", "cur")) {
      Files.createDirectories(inbox.resolve(sub));
    }
    Path cur = inbox.resolve("cur");
    Path same = inbox.resolve("tmp").resolve("same");
    // a session before this test saw them all: none is \Recent, so FLAGS are as written
    Files.writeString(inbox.resolve("mxlab-recent"), (COUNT + 1) + "\n");
    try (BufferedWriter uids =
        Files.newBufferedWriter(inbox.resolve("dovecot-uidlist"), StandardCharsets.UTF_8)) {
      uids.write("3 V1700000000 N" + (COUNT + 1) + " G0123456789abcdef0123456789abcdef\n");
      for (int uid = 1; uid <= COUNT; uid++) {
        String base = "1700000000.M" + uid + "P1.bann,S=" + SIZE + ",W=" + (SIZE + 3);
        Path file = cur.resolve(base + ":2," + (uid % 10 == 0 ? "S" : ""));
        if (uid == 1 || uid == 50_000 || uid == COUNT) {
          Files.write(file, content(String.format("m%06d", uid)));
        } else {
          if (uid % LINKS == 2) { // a new file before ext4's 65,000 links to one
            Files.deleteIfExists(same);
            Files.write(same, content("same000"));
          }
          Files.createLink(file, same);
        }
        uids.write(uid + " :" + base + "\n");
      }
    }
    Files.delete(same);
  }

  private static final int SIZE = content("same000").length;
  private static final int LINKS = 50_000;

  /** Three lines, each LF a CRLF for clients: SIZE + 3 octets. */
  private static byte[] content(String subject) {
    return ("Subject: " + subject + "\n\nbody\n").getBytes(StandardCharsets.US_ASCII);
  }

  private Dialogue login() throws IOException {
    Dialogue d = Dialogue.connect(imap.address()).patience(Duration.ofSeconds(30));
    d.expect("* OK *");
    d.send("a LOGIN test changeme").expect("a OK *");
    return d;
  }

  /** Sends a command and returns its untagged lines; its tagged line must be OK. */
  private static List<String> run(Dialogue d, String tag, String command) throws IOException {
    d.send(tag + " " + command);
    List<String> lines = new java.util.ArrayList<>();
    String line;
    while (!(line = d.reply()).startsWith(tag + " ")) {
      lines.add(line);
    }
    assertThat(line).startsWith(tag + " OK");
    return lines;
  }

  @Test
  void sequenceNumbersAndUidsStayRightInAHundredThousandMessages() throws Exception {
    try (Dialogue a = login();
        Dialogue b = login()) {
      assertThat(run(a, "s", "SELECT INBOX")).contains("* " + COUNT + " EXISTS", "* 0 RECENT");
      assertThat(run(a, "f1", "FETCH 1 (UID FLAGS)")).containsExactly("* 1 FETCH (UID 1 FLAGS ())");
      assertThat(run(a, "f2", "FETCH " + COUNT + " (UID FLAGS)"))
          .containsExactly("* " + COUNT + " FETCH (UID " + COUNT + " FLAGS (\\Seen))");
      assertThat(run(a, "f3", "UID FETCH 77777 (UID RFC822.SIZE)"))
          .containsExactly("* 77777 FETCH (UID 77777 RFC822.SIZE " + (SIZE + 3) + ")");
      assertThat(run(a, "f4", "FETCH 50000 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
          .startsWith("* 50000 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {20}", "Subject: m050000");

      // every message, in order, each with its flags; streamed, the tagged OK after the last
      List<String> all = run(a, "f5", "FETCH 1:* (FLAGS)");
      assertThat(all).hasSize(COUNT);
      for (int seq = 1; seq <= COUNT; seq += 997) {
        String flags = seq % 10 == 0 ? "\\Seen" : "";
        assertThat(all.get(seq - 1)).isEqualTo("* " + seq + " FETCH (FLAGS (" + flags + "))");
      }
      assertThat(all.get(COUNT - 1)).isEqualTo("* " + COUNT + " FETCH (FLAGS (\\Seen))");

      // STORE and EXPUNGE in the middle: the numbers above close up, the UIDs stay
      assertThat(run(a, "e1", "UID STORE 50000 +FLAGS (\\Deleted)"))
          .containsExactly("* 50000 FETCH (FLAGS (\\Seen \\Deleted) UID 50000)");
      assertThat(run(a, "e2", "EXPUNGE")).containsExactly("* 50000 EXPUNGE");
      assertThat(run(a, "e3", "FETCH 49999:50000 (UID)"))
          .containsExactly("* 49999 FETCH (UID 49999)", "* 50000 FETCH (UID 50001)");
      assertThat(run(a, "e4", "FETCH " + (COUNT - 1) + " (UID)"))
          .containsExactly("* " + (COUNT - 1) + " FETCH (UID " + COUNT + ")");
      assertThat(run(a, "e5", "UID FETCH 50000 (UID)")).isEmpty();

      // another session sees the expunge, and its own flag change is reported to the first
      assertThat(run(b, "s", "SELECT INBOX")).contains("* " + (COUNT - 1) + " EXISTS");
      assertThat(run(b, "t1", "STORE 60000 +FLAGS.SILENT (\\Flagged)")).isEmpty();
      assertThat(run(a, "n1", "NOOP"))
          .containsExactly("* 60000 FETCH (UID 60001 FLAGS (\\Flagged))");

      // a delivery is seen by both, numbered after the last
      fixture.deliver("new in a big folder");
      assertThat(run(a, "n2", "NOOP")).containsExactly("* " + COUNT + " EXISTS", "* 1 RECENT");
      assertThat(run(a, "f6", "FETCH " + COUNT + " (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
          .startsWith(
              "* " + COUNT + " FETCH (UID " + (COUNT + 1) + " BODY[HEADER.FIELDS (SUBJECT)] {32}",
              "Subject: new in a big folder");
      assertThat(run(b, "n", "NOOP"))
          .as("a claimed it first")
          .containsExactly("* " + COUNT + " EXISTS", "* 0 RECENT");
      assertThat(run(b, "u", "UID SEARCH UID 100000:*")).containsExactly("* SEARCH 100000 100001");
    }
  }
}
