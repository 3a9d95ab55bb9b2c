package mxlab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import mxlab.core.store.SyncBatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mod-sequences (RFC 7162): raised by arrivals, flag changes and expunges, kept across restarts.
 */
class ModSeqTest {
  private static final Instant DATE = Instant.parse("2026-11-30T08:00:00Z");

  @TempDir Path data;
  private final SyncBatcher batcher = new SyncBatcher();

  @AfterEach
  void close() {
    batcher.close();
  }

  private Folder inbox() throws IOException {
    return new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher)
        .mailbox("bann.com", "test")
        .inbox();
  }

  private static byte[] message(String subject) {
    return ("Subject: " + subject + "\n\nbody\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyChangeRaisesTheModseqAndARestartKeepsThem() throws Exception {
    Folder inbox = inbox();
    assertThat(inbox.highestModSeq()).as("RFC 7162 7: at least 1").isEqualTo(1);
    Message one = inbox.append(message("one"), Flags.NONE, DATE);
    Message two = inbox.append(message("two"), Flags.of(Flag.SEEN), DATE);
    assertThat(one.modseq()).isEqualTo(2);
    assertThat(two.modseq()).isEqualTo(3);
    Message flagged = inbox.setFlags(1, Flags.of(Flag.FLAGGED)).orElseThrow();
    assertThat(flagged.modseq()).isEqualTo(4);
    assertThat(inbox.setFlags(1, Flags.of(Flag.FLAGGED)).orElseThrow().modseq())
        .as("no change, no new modseq")
        .isEqualTo(4);
    assertThat(inbox.highestModSeq()).isEqualTo(4);
    inbox.expunge(List.of(2L));
    assertThat(inbox.highestModSeq()).as("an expunge raises it too").isEqualTo(5);

    Folder again = inbox();
    assertThat(again.highestModSeq()).isEqualTo(5);
    assertThat(again.messages()).extracting(Message::modseq).containsExactly(4L);
    assertThat(again.append(message("three"), Flags.NONE, DATE).modseq()).isEqualTo(6);
    assertThat(Files.readAllLines(again.dir().resolve("dovecot-uidlist")).subList(1, 3))
        .as("the uidlist stays as Dovecot reads it")
        .allMatch(l -> l.matches("\\d+ :[^ ]+"));
  }

  @Test
  void unchangedSinceRefusesAMessageChangedAfterIt() throws Exception {
    Folder inbox = inbox();
    inbox.append(message("one"), Flags.NONE, DATE); // modseq 2
    inbox.setFlags(1, Flags.of(Flag.SEEN)); // 3
    FlagUpdate refused = inbox.updateFlags(1, f -> f.with(Flag.DELETED), 2).orElseThrow();
    assertThat(refused.modifiedSince()).isTrue();
    assertThat(refused.message().flags()).isEqualTo(Flags.of(Flag.SEEN));
    FlagUpdate done = inbox.updateFlags(1, f -> f.with(Flag.DELETED), 3).orElseThrow();
    assertThat(done.modifiedSince()).isFalse();
    assertThat(done.message().flags()).isEqualTo(Flags.of(Flag.SEEN, Flag.DELETED));
    assertThat(done.message().modseq()).isEqualTo(4);
  }

  @Test
  void aChangeByAnotherProgramOrALostJournalLineGetsANewModseq() throws Exception {
    Folder inbox = inbox();
    inbox.append(message("one"), Flags.NONE, DATE); // 2
    inbox.append(message("two"), Flags.NONE, DATE); // 3
    Message one = inbox.messages().get(0);
    // Dovecot (or mutt) on the same Maildir marks it seen: only the file name changes
    Files.move(one.path(), one.path().resolveSibling("../cur/" + one.base() + ":2,S").normalize());
    // and a crash tore the journal's last line
    Files.writeString(inbox.dir().resolve(ModSeqs.FILE), "2 19", StandardOpenOption.APPEND);

    Folder again = inbox();
    List<Message> now = again.messages();
    assertThat(now.get(0).flags()).isEqualTo(Flags.of(Flag.SEEN));
    assertThat(now.get(0).modseq()).isEqualTo(4);
    assertThat(now.get(1).modseq()).isEqualTo(3);
    again.setFlags(2, Flags.of(Flag.FLAGGED));
    assertThat(inbox().messages()).extracting(Message::modseq).containsExactly(4L, 5L);
  }

  @Test
  void theJournalIsCompactedAndKeepsTheHighestModseq() throws Exception {
    Folder inbox = inbox();
    inbox.append(message("one"), Flags.NONE, DATE);
    inbox.append(message("two"), Flags.NONE, DATE);
    for (int i = 0; i < 1200; i++) {
      inbox.setFlags(1, Flags.of(i % 2 == 0 ? Flag.SEEN : Flag.FLAGGED));
    }
    inbox.expunge(List.of(2L));
    long highest = inbox.highestModSeq();
    assertThat(highest).isEqualTo(1204);
    assertThat(Files.readAllLines(inbox.dir().resolve(ModSeqs.FILE)).size()).isLessThan(600);
    Folder again = inbox();
    assertThat(again.highestModSeq()).isEqualTo(highest);
    assertThat(again.messages()).extracting(Message::modseq).containsExactly(1203L);
  }
}
