package mxlab.imap.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.routing.Mailbox;
import mxlab.core.site.Site;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.SpoolWriter;
import mxlab.core.store.SyncBatcher;
import mxlab.core.tls.TlsMaterial;
import mxlab.imap.mime.MessageCache;
import mxlab.imap.session.ImapEnvironment;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import mxlab.store.delivery.MailDrop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONDSTORE, ESEARCH, UTF8=ACCEPT and BINARY over a real socket on port 0: literal8 APPENDs and
 * FETCH responses on the wire, and mod-sequences (and who saw what first, \Recent) that survive a
 * restart of the server and its store.
 */
class ImapExtensionsServerTest {
  private static final String SPEC =
      """
      version: 1
      server: { hostname: mail.bann.com }
      domains:
        - name: bann.com
          hosts: { mail: 192.168.0.100 }
          users: [ { name: test, password: "{PLAIN}changeme" } ]
      """;
  private static final String MESSAGE = "Subject: Grüße\r\nFrom: jörg@bann.com\r\n\r\nHallo\r\n";
  private static final int OCTETS = MESSAGE.getBytes(StandardCharsets.UTF_8).length;

  @TempDir Path data;
  private final SyncBatcher batcher = new SyncBatcher();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private MailDrop drop;
  private LineServer imaps;

  /** A server with a store of its own on {@code data}, as after a restart. */
  private void start() throws Exception {
    Spec spec = SpecFixtures.spec(SPEC);
    Site site = Site.of(spec);
    drop = new MailDrop(data, "mail.bann.com", batcher);
    TlsMaterial tls = TlsMaterial.load(spec.server().tls(), data, "mail.bann.com");
    ImapEnvironment env =
        new ImapEnvironment(
            () -> site,
            drop.mailStore(),
            true,
            new LoginThrottle(Duration.ofMillis(10), Clock.systemUTC()),
            timer,
            new MessageCache(1 << 20));
    imaps = ImapServer.start(new InetSocketAddress("127.0.0.1", 0), env, tls, true);
  }

  @AfterEach
  void stop() {
    if (imaps != null) {
      imaps.close();
    }
    timer.shutdownNow();
    batcher.close();
  }

  private void deliver(String subject) throws Exception {
    SpoolWriter w = drop.newSpool("Q" + System.nanoTime());
    for (String line : List.of("Subject: " + subject, "From: a@b.org", "", "hello")) {
      w.line(line.getBytes(StandardCharsets.UTF_8));
    }
    drop.deliver(w.finish(), List.of(new Mailbox("bann.com", "test")), null);
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
    start();
    try (Dialogue d = Dialogue.connectTls(imaps.address())) {
      d.expect("* OK [CAPABILITY * CONDSTORE ESEARCH UTF8=ACCEPT *] mxlab IMAP4rev1 ready");
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
    imaps.close();
    start();
    deliver("after the restart");
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
    start();
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
