package mxlab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import mxlab.core.store.Maildirs;
import mxlab.core.store.SyncBatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions appending, flagging, expunging and moving in one folder at once, with deliveries
 * dropping files into new/: afterwards every message is where the operations put it, once, and a
 * fresh store (a restart) sees the same UIDs.
 */
class ConcurrentFolderTest {
  @TempDir Path data;

  @Test
  void nothingIsLostOrDuplicatedAndUidsStayUnique() throws Exception {
    try (SyncBatcher batcher = new SyncBatcher()) {
      MailStore store = new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher);
      Mailbox box = store.mailbox("bann.com", "test");
      Folder inbox = box.inbox();
      Folder archive = box.create("Archive");
      Set<String> expunged = ConcurrentHashMap.newKeySet();
      Set<String> moved = ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 60; i++) {
                    String subject = "t" + thread + "-" + i;
                    byte[] m = ("Subject: " + subject + "\n\nx\n").getBytes(StandardCharsets.UTF_8);
                    Message added = inbox.append(m, Flags.NONE, Instant.now());
                    int dice = ThreadLocalRandom.current().nextInt(4);
                    if (dice == 0) {
                      inbox.setFlags(added.uid(), Flags.of(Flag.SEEN, Flag.FLAGGED));
                    } else if (dice == 1 && !inbox.expunge(List.of(added.uid())).isEmpty()) {
                      expunged.add(subject);
                    } else if (dice == 2
                        && !inbox.moveTo(List.of(added.uid()), archive).isEmpty()) {
                      moved.add(subject);
                    }
                    // a reader in between, as another session's NOOP
                    inbox.messages();
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      pool.shutdown();

      Set<String> inInbox = subjects(inbox);
      Set<String> inArchive = subjects(archive);
      assertThat(inInbox).hasSize(240 - expunged.size() - moved.size());
      assertThat(inArchive).isEqualTo(moved);
      assertThat(inInbox).doesNotContainAnyElementsOf(expunged).doesNotContainAnyElementsOf(moved);

      List<Long> uids = inbox.messages().stream().map(Message::uid).toList();
      assertThat(new HashSet<>(uids)).hasSameSizeAs(uids);
      assertThat(uids).isSorted();
      MailStore restarted =
          new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher);
      assertThat(restarted.mailbox("bann.com", "test").inbox().messages())
          .extracting(Message::uid)
          .isEqualTo(uids);
      assertThat(inbox.uidNext()).isGreaterThan(uids.get(uids.size() - 1));
    }
  }

  private static Set<String> subjects(Folder f) throws Exception {
    Set<String> out = new HashSet<>();
    for (Message m : f.messages()) {
      String text = java.nio.file.Files.readString(m.path());
      assertThat(out.add(text.substring(9, text.indexOf('\n')))).as("once: " + text).isTrue();
    }
    return out;
  }
}
