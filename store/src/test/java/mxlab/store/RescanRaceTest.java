package mxlab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import mxlab.core.store.SyncBatcher;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another program (a Dovecot, a mail reader) moves files new/ to cur/ and renames them within cur/
 * for their flags while a session rescans: a rename that falls between our look at a directory and
 * our listing of it, or that readdir misses, must not make a message vanish and come back as a new
 * one with another UID.
 */
class RescanRaceTest {
  private static final int MESSAGES = 150;

  @TempDir Path data;

  @RepeatedTest(20)
  void renamesByOthersDuringRescansKeepEveryUidAndLoseNoMessage() throws Exception {
    try (SyncBatcher batcher = new SyncBatcher()) {
      MailStore store = new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher);
      Folder inbox = store.mailbox("bann.com", "test").inbox();
      Map<String, Long> uidOf = new HashMap<>();
      for (int i = 0; i < MESSAGES; i++) {
        byte[] m = ("Subject: m" + i + "\n\nx\n").getBytes(StandardCharsets.UTF_8);
        Message added = inbox.append(m, Flags.NONE, Instant.now());
        uidOf.put(added.base(), added.uid());
      }
      AtomicBoolean done = new AtomicBoolean();
      CompletableFuture<Void> other =
          CompletableFuture.runAsync(
              () -> {
                try {
                  renameLikeAnotherProgram(inbox.dir(), List.copyOf(uidOf.keySet()));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                } finally {
                  done.set(true);
                }
              });
      int looks = 0;
      while (!done.get() || looks < 50) {
        Map<String, Long> seen = new HashMap<>();
        for (Message m : inbox.messages()) {
          seen.put(m.base(), m.uid());
        }
        looks++;
        assertThat(difference(uidOf, seen)).as("vanished at look " + looks).isEmpty();
        assertThat(difference(seen, uidOf)).as("new or renumbered at look " + looks).isEmpty();
      }
      other.join();
      MailStore restarted =
          new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher);
      Map<String, Long> after = new HashMap<>();
      for (Message m : restarted.mailbox("bann.com", "test").inbox().messages()) {
        after.put(m.base(), m.uid());
      }
      assertThat(after).isEqualTo(uidOf);
    }
  }

  /** The base names whose UID in {@code a} is not theirs in {@code b}. */
  private static Set<String> difference(Map<String, Long> a, Map<String, Long> b) {
    Set<String> out = new TreeSet<>();
    a.forEach(
        (base, uid) -> {
          if (!uid.equals(b.get(base))) {
            out.add(base + "=" + uid);
          }
        });
    return out;
  }

  /**
   * The race made certain: cur/'s time stamp does not move for a move from new/ (a coarse file
   * system, or a move within its resolution of our last look), so a sync lists new/ alone.
   */
  @Test
  void aMoveToCurThatCurTimeStampMissesKeepsItsUid() throws Exception {
    try (SyncBatcher batcher = new SyncBatcher()) {
      MailStore store = new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher);
      Folder inbox = store.mailbox("bann.com", "test").inbox();
      Message m =
          inbox.append(
              "Subject: s\n\nx\n".getBytes(StandardCharsets.UTF_8), Flags.NONE, Instant.now());
      Path cur = inbox.dir().resolve("cur");
      FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
      Files.setLastModifiedTime(cur, old);
      assertThat(inbox.messages()).extracting(Message::uid).containsExactly(m.uid());

      move(m.path(), cur.resolve(m.base() + ":2,S"));
      Files.setLastModifiedTime(cur, old);
      assertThat(inbox.messages())
          .singleElement()
          .satisfies(now -> assertThat(now.uid()).isEqualTo(m.uid()))
          .satisfies(now -> assertThat(now.flags()).isEqualTo(Flags.of(Flag.SEEN)));
      assertThat(inbox.uidNext()).isEqualTo(m.uid() + 1);
    }
  }

  /** Each file new/ to cur/, then its flags changed a few times by renames within cur/. */
  private static void renameLikeAnotherProgram(Path dir, List<String> bases) throws Exception {
    Path cur = dir.resolve("cur");
    for (String base : bases) {
      move(dir.resolve("new").resolve(base), cur.resolve(base + ":2,"));
    }
    String[] infos = {"", "S", "FS", "F"};
    for (int round = 1; round <= 12; round++) {
      for (String base : bases) {
        move(
            cur.resolve(base + ":2," + infos[(round - 1) % infos.length]),
            cur.resolve(base + ":2," + infos[round % infos.length]));
      }
    }
  }

  private static void move(Path from, Path to) throws Exception {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      throw new AssertionError("the folder moved " + from + " itself", e);
    }
  }
}
