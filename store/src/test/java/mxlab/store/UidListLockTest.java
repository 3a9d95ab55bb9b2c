package mxlab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mxlab.core.store.SyncBatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers that share no Java lock (two processes) on one folder: UIDs are given under Dovecot's
 * {@code dovecot-uidlist.lock}, so none is given twice and both see the same ones.
 */
class UidListLockTest {
  @TempDir Path data;
  private final SyncBatcher batcher = new SyncBatcher();

  @AfterEach
  void close() {
    batcher.close();
  }

  /** A store as another process would have it: its own folder objects, its own host name. */
  private Folder inbox(String host) throws Exception {
    MailStore store = new MailStore(new Maildirs(data.resolve("mail"), host), batcher);
    return store.mailbox("bann.com", "test").inbox();
  }

  private static byte[] message(String subject) {
    return ("Subject: " + subject + "\n\nx\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoStoresAppendingAtOnceGiveEveryMessageOneUid() throws Exception {
    Folder a = inbox("a.bann.com");
    Folder b = inbox("b.bann.com");
    a.create();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<Message>>> work = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Folder f = t % 2 == 0 ? a : b;
      int thread = t;
      work.add(
          pool.submit(
              () -> {
                List<Message> mine = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                  mine.add(f.append(message(thread + "-" + i), Flags.NONE, Instant.now()));
                  if (i % 5 == 0) {
                    f.messages(); // a rescan: it, too, writes the list
                  }
                }
                return mine;
              }));
    }
    Map<Long, String> given = new HashMap<>();
    for (Future<List<Message>> w : work) {
      for (Message m : w.get(60, TimeUnit.SECONDS)) {
        assertThat(given.put(m.uid(), m.base())).as("UID %d given twice", m.uid()).isNull();
      }
    }
    pool.shutdown();
    assertThat(given).hasSize(120);
    Folder fresh = inbox("c.bann.com");
    for (Folder f : List.of(a, b, fresh)) {
      Map<Long, String> seen = new HashMap<>();
      f.messages().forEach(m -> seen.put(m.uid(), m.base()));
      assertThat(seen).isEqualTo(given);
      assertThat(f.uidNext())
          .isGreaterThan(given.keySet().stream().mapToLong(u -> u).max().orElseThrow());
    }
    List<String> lines = Files.readAllLines(a.dir().resolve("dovecot-uidlist"));
    Set<String> uidsInFile = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      assertThat(uidsInFile.add(line.substring(0, line.indexOf(' ')))).as(line).isTrue();
    }
    assertThat(a.dir().resolve("dovecot-uidlist.lock")).doesNotExist();
  }

  @Test
  void aStaleLockIsOverridden() throws Exception {
    Folder inbox = inbox("a.bann.com");
    inbox.create();
    Path lock = inbox.dir().resolve("dovecot-uidlist.lock");
    Files.writeString(lock, "");
    // a crashed holder: neither the lock nor the list changed for longer than Dovecot's 2 minutes
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(180)));
    Message m =
        CompletableFuture.supplyAsync(() -> appendQuietly(inbox, "after a crash"))
            .get(5, TimeUnit.SECONDS);
    assertThat(m.uid()).isEqualTo(1);
    assertThat(lock).doesNotExist();
    assertThat(Files.readString(inbox.dir().resolve("dovecot-uidlist"))).contains("1 :" + m.base());
  }

  @Test
  void aFreshLockMakesTheWriterWaitUntilItIsRemoved() throws Exception {
    Folder inbox = inbox("a.bann.com");
    inbox.append(message("first"), Flags.NONE, Instant.now());
    Path lock = inbox.dir().resolve("dovecot-uidlist.lock");
    Files.writeString(lock, "");
    CompletableFuture<Message> second =
        CompletableFuture.supplyAsync(() -> appendQuietly(inbox, "second"));
    try {
      second.get(1, TimeUnit.SECONDS);
      throw new AssertionError("appended while the list was locked");
    } catch (TimeoutException expected) {
      // waits for the holder
    }
    // the holder wrote a UID of its own before it let go: ours must come after it
    Files.writeString(
        inbox.dir().resolve("dovecot-uidlist"),
        "7 :1.M1P1.other\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    Files.delete(lock);
    assertThat(second.get(5, TimeUnit.SECONDS).uid()).isEqualTo(8);
    assertThat(lock).doesNotExist();
  }

  @Test
  void aDeliveryWaitsForItsUidWhileTheListStaysLocked() throws Exception {
    Folder inbox = inbox("a.bann.com");
    inbox.append(message("first"), Flags.NONE, Instant.now());
    Path lock = inbox.dir().resolve("dovecot-uidlist.lock");
    Files.writeString(lock, "");
    Path delivered = inbox.dir().resolve("new").resolve("2.M1P1.delivery");
    Files.write(delivered, message("delivered"));
    inbox.changedOutside();
    // the wait is bounded: the folder stays readable, the delivery has no UID yet
    assertThat(inbox.messages()).extracting(Message::base).doesNotContain("2.M1P1.delivery");
    assertThat(delivered).exists();
    Files.delete(lock);
    inbox.changedOutside();
    assertThat(inbox.messages())
        .extracting(Message::uid, Message::base)
        .contains(org.assertj.core.groups.Tuple.tuple(2L, "2.M1P1.delivery"));
  }

  private static Message appendQuietly(Folder f, String subject) {
    try {
      return f.append(message(subject), Flags.NONE, Instant.now());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
