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

/** UTF8=ACCEPT (RFC 6855): ENABLE, APPEND ... UTF8 (~{n}), and mailbox names in UTF-8. */
class ImapUtf8DialogueTest {
  static final String MESSAGE =
      "From: Jörg <jörg@bann.com>\r\nSubject: Grüße aus Köln\r\n\r\nBis bald!\r\n";
  static final int OCTETS = MESSAGE.getBytes(StandardCharsets.UTF_8).length;

  @TempDir Path data;
  ImapFixture imap;
  ImapClient c;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    c = imap.login();
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  @Test
  void utf8AppendNeedsTheExtensionEnabled() throws Exception {
    c.send("a APPEND INBOX UTF8 (~{" + OCTETS + "+}\r\n" + MESSAGE + ")\r\n");
    c.script(
        """
        S: a BAD UTF8 needs ENABLE UTF8=ACCEPT first
        C: b ENABLE UTF8=ACCEPT
        S: * ENABLED UTF8=ACCEPT
        S: b OK ENABLE completed
        """);
    // as Thunderbird 128 sends it: a synchronizing literal8 inside UTF8 ( )
    c.send("c APPEND \"INBOX\" (\\Seen) UTF8 (~{" + OCTETS + "}\r\n");
    c.script("S: + go ahead");
    c.send(MESSAGE + ")\r\n");
    c.script("S: c OK [APPENDUID * 1] APPEND completed");
    c.send("d APPEND INBOX UTF8 (~{" + OCTETS + "+}\r\n" + MESSAGE + ")\r\n");
    c.send("e APPEND INBOX UTF8 ({" + OCTETS + "+}\r\n" + MESSAGE + ")\r\n");
    c.script(
        """
        S: d OK [APPENDUID * 2] APPEND completed
        S: e BAD UTF8 takes a literal8: ~{n}
        """);
    Message stored = imap.inbox().messages().get(0);
    assertThat(stored.flags().has(Flag.SEEN)).isTrue();
    assertThat(Files.readString(stored.path(), StandardCharsets.UTF_8))
        .isEqualTo(MESSAGE.replace("\r\n", "\n"));
  }

  @Test
  void mailboxNamesAreUtf8OnceEnabledAndModifiedUtf7Before() throws Exception {
    c.script(
        """
        C: a CREATE G&AOk-n&AOk-ral
        S: a OK CREATE completed
        C: b LIST "" G*
        S: * LIST (\\HasNoChildren) "." G&AOk-n&AOk-ral
        S: b OK LIST completed
        C: c ENABLE UTF8=ACCEPT
        S: * ENABLED UTF8=ACCEPT
        S: c OK ENABLE completed
        C: d LIST "" "Gén*"
        S: * LIST (\\HasNoChildren) "." {9}
        S: Général
        S: d OK LIST completed
        C: e STATUS "Général" (MESSAGES)
        S: * STATUS {9}
        S: Général (MESSAGES 0)
        S: e OK STATUS completed
        C: f CREATE "Été"
        S: f OK CREATE completed
        """);
    assertThat(imap.store.mailbox("bann.com", "test").folder("Été")).isPresent();
  }
}
