package mxlab.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.EnvelopeCodec;
import mxlab.core.queue.QueueIds;
import mxlab.core.routing.Mailbox;
import mxlab.core.store.FullDisk;
import mxlab.core.store.SpoolWriter;
import mxlab.core.store.SyncBatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailStorageTest {
  @TempDir Path data;
  private final SyncBatcher batcher = new SyncBatcher();

  @AfterEach
  void stop() {
    batcher.close();
  }

  private static List<Path> files(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private SpoolWriter.Spooled spool(MailDrop drop, String id, String... lines) throws Exception {
    SpoolWriter w = drop.newSpool(id);
    for (String l : lines) {
      w.line(l.getBytes(StandardCharsets.UTF_8));
    }
    return w.finish();
  }

  @Test
  void aJunkFilingLandsInTheJunkFolderWhichImapSessionsSeeAndHearOf() throws Exception {
    MailDrop drop = new MailDrop(data, "mail.bann.com", batcher);
    mxlab.store.Mailbox box = drop.mailStore().mailbox("bann.com", "test");
    box.ensureSpecialUse(); // a client logged in before: Junk exists and is being watched
    List<mxlab.store.FolderChange> heard = new java.util.ArrayList<>();
    mxlab.store.Folder junk = box.folder("Junk").orElseThrow();
    assertThat(junk.messages()).isEmpty();
    junk.listen(heard::add);
    SpoolWriter.Spooled spooled = spool(drop, "J1", "Return-Path: <a@b.c>", "Subject: j", "", "x");
    drop.deliver(spooled, List.of(new Mailbox("bann.com", "test")), null, Filing.JUNK);
    assertThat(heard).singleElement().isInstanceOf(mxlab.store.FolderChange.Arrived.class);
    assertThat(files(data.resolve("mail/bann.com/test/.Junk/new"))).hasSize(1);
    assertThat(files(data.resolve("mail/bann.com/test/new"))).isEmpty();
    assertThat(junk.messages()).hasSize(1);
    assertThat(box.inbox().messages()).isEmpty();

    // a mailbox nobody has opened yet gets its Junk folder made by the delivery
    drop.deliver(
        spool(drop, "J2", "Subject: k", "", "y"),
        List.of(new Mailbox("bann.com", "fresh")),
        null,
        Filing.JUNK);
    assertThat(
            drop.mailStore().mailbox("bann.com", "fresh").folder("Junk").orElseThrow().messages())
        .hasSize(1);
  }

  @Test
  void oneWriteLandsInEveryMailboxAndTheQueue() throws Exception {
    MailDrop drop = new MailDrop(data, "mail.bann.com", batcher);
    String id = QueueIds.next();
    SpoolWriter.Spooled spooled = spool(drop, id, "Return-Path: <a@b.c>", "Subject: x", "", "body");
    assertThat(spooled.size()).isEqualTo(38);
    assertThat(spooled.crlfSize()).isEqualTo(42);
    Envelope env =
        new Envelope(
            id,
            Instant.now(),
            "a@b.c",
            21,
            28,
            false,
            false,
            0,
            Instant.now(),
            null,
            false,
            List.of(new Envelope.Recipient("far@remote.org", Envelope.Status.PENDING, "", "")));
    drop.deliver(
        spooled, List.of(new Mailbox("bann.com", "test"), new Mailbox("bann.com", "master")), env);
    List<Path> test = files(data.resolve("mail/bann.com/test/new"));
    assertThat(test).hasSize(1);
    assertThat(test.get(0).getFileName().toString())
        .matches("\\d+\\.M\\d{6}P\\d+Q\\d+\\.mail\\.bann\\.com,S=38,W=42");
    assertThat(Files.readString(test.get(0)))
        .isEqualTo("Return-Path: <a@b.c>\nSubject: x\n\nbody\n");
    assertThat(files(data.resolve("mail/bann.com/master/new"))).hasSize(1);
    assertThat(Files.isDirectory(data.resolve("mail/bann.com/master/cur"))).isTrue();
    assertThat(drop.queue().list()).containsExactly(env);
    assertThat(files(data.resolve("spool"))).isEmpty(); // the spool name is gone, the links stay
  }

  @Test
  void craftedMailboxNamesAreRefusedEvenWithoutTheSpecCheck() throws Exception {
    Path mail = Files.createDirectories(data.resolve("inside/mail"));
    MailDrop drop = new MailDrop(data.resolve("inside"), "mail.bann.com", batcher);
    Path outside = data.resolve("outside");
    List<Mailbox> crafted =
        List.of(
            new Mailbox("bann.com", outside.toString()),
            new Mailbox("bann.com", "../../../outside"),
            new Mailbox("..", "outside"),
            new Mailbox(outside.toString(), "x"),
            new Mailbox("bann.com", "a\0b"),
            new Mailbox("bann.com", "."));
    for (Mailbox m : crafted) {
      SpoolWriter.Spooled spooled = spool(drop, QueueIds.next(), "Subject: x", "", "body");
      assertThatThrownBy(() -> drop.deliver(spooled, List.of(m), null))
          .as(m.user())
          .hasMessageContaining("is not a safe path");
      assertThatThrownBy(() -> drop.maildirs().dir(m)).hasMessageContaining("is not a safe path");
    }
    assertThat(Files.exists(outside)).isFalse();
    assertThat(files(mail)).isEmpty();
    assertThat(files(data.resolve("inside/spool"))).isEmpty();
    assertThat(drop.maildirs().dir(new Mailbox("bann.com", "test")))
        .isEqualTo(mail.resolve("bann.com/test"));
  }

  @Test
  void aFullDiskLeavesNoSpoolFileBehind() throws Exception {
    FullDisk disk = new FullDisk(100_000);
    MailDrop drop = new MailDrop(data, "mail.bann.com", batcher, disk);
    byte[] line = "x".repeat(998).getBytes(StandardCharsets.US_ASCII);
    SpoolWriter big = drop.newSpool(QueueIds.next());
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 1000; i++) {
                big.line(line); // fills the disk while the message comes in
              }
            })
        .hasMessage("No space left on device");
    assertThat(files(data.resolve("spool"))).isEmpty();

    SpoolWriter small = drop.newSpool(QueueIds.next()); // fits the buffer, fails at the flush
    small.line(line);
    assertThatThrownBy(small::finish).hasMessage("No space left on device");
    assertThat(files(data.resolve("spool"))).isEmpty();

    disk.makeRoom();
    SpoolWriter.Spooled spooled = spool(drop, QueueIds.next(), "Subject: x", "", "body");
    drop.deliver(spooled, List.of(new Mailbox("bann.com", "test")), null);
    assertThat(files(data.resolve("mail/bann.com/test/new"))).hasSize(1);
  }

  @Test
  void envelopesRoundTripAndRejectGarbage() {
    Envelope env =
        new Envelope(
            "ABC123DEF",
            Instant.parse("2026-11-28T01:02:03Z"),
            "",
            10,
            100,
            true,
            true,
            3,
            Instant.parse("2026-11-28T02:00:00Z"),
            Instant.parse("2026-11-28T01:30:00Z"),
            true,
            List.of(
                new Envelope.Recipient("a@x.org", Envelope.Status.DELIVERED, "mx.x.org", "250 ok"),
                new Envelope.Recipient(
                    "b@y.org", Envelope.Status.FAILED, "mx.y.org", "550 5.1.1 no\r\nsuch\tuser")));
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(env));
    assertThat(back.recipients().get(1).diagnostic()).isEqualTo("550 5.1.1 no  such user");
    assertThat(back.nullSender()).isTrue();
    assertThat(back.withRecipients(env.recipients().subList(0, 1)).recipients()).hasSize(1);
    assertThat(back.attempts()).isEqualTo(3);
    assertThatThrownBy(() -> EnvelopeCodec.decode("hello"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recoveryDropsWhatNeverGotA250() throws Exception {
    MailDrop drop = new MailDrop(data, "mail.bann.com", batcher);
    Files.writeString(data.resolve("spool/HALFWRITTEN1"), "partial");
    Files.writeString(data.resolve("queue/ORPHAN0001.msg"), "no envelope");
    Files.writeString(data.resolve("queue/LONELY00001.env"), "no message");
    Files.writeString(data.resolve("queue/ABCD00001.env.tmp"), "half an update");
    assertThat(drop.sweepSpool()).isEqualTo(1);
    assertThat(drop.queue().recover()).hasSize(3);
    assertThat(files(data.resolve("queue"))).isEmpty();
  }

  @Test
  void groupCommitSyncsEachDirectoryAndReportsFailures() throws Exception {
    Path a = Files.createDirectories(data.resolve("a"));
    batcher.syncDirectories(List.of(a, data));
    assertThatThrownBy(() -> batcher.syncDirectories(List.of(data.resolve("missing"))))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void queueIdsAreUniqueAndValid() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = QueueIds.next();
      assertThat(QueueIds.valid(id)).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }
}
