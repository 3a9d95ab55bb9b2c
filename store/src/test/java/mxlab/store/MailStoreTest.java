package mxlab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mxlab.core.store.SyncBatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailStoreTest {
  private static final Instant DATE = Instant.parse("2026-11-30T08:00:00Z");

  @TempDir Path data;
  private SyncBatcher batcher;
  private MailStore store;

  @BeforeEach
  void open() {
    batcher = new SyncBatcher();
    store = newStore();
  }

  private MailStore newStore() {
    return new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher);
  }

  @AfterEach
  void close() {
    batcher.close();
  }

  private static byte[] message(String subject) {
    return ("Subject: " + subject + "\nFrom: a@b\n\nbody\n").getBytes(StandardCharsets.UTF_8);
  }

  private Folder inbox() throws IOException {
    return store.mailbox("bann.com", "test").inbox();
  }

  @Test
  void appendGivesAscendingUidsThatSurviveARestart() throws Exception {
    Folder inbox = inbox();
    long validity = inbox.uidValidity();
    List<Long> uids = new ArrayList<>();
    for (String s : List.of("one", "two", "three")) {
      uids.add(inbox.append(message(s), Flags.NONE, DATE).uid());
    }
    assertThat(uids).containsExactly(1L, 2L, 3L);
    assertThat(inbox.uidNext()).isEqualTo(4);

    Folder again = newStore().mailbox("bann.com", "test").inbox();
    assertThat(again.uidValidity()).isEqualTo(validity);
    assertThat(again.messages()).extracting(Message::uid).containsExactly(1L, 2L, 3L);
    Message first = again.messages().get(0);
    assertThat(first.internalDate()).isEqualTo(DATE);
    assertThat(first.size()).as("CRLF octets").isEqualTo(message("one").length + 4);
    assertThat(again.uidNext()).isEqualTo(4);
  }

  @Test
  void mailDeliveredIntoNewGetsTheNextUidAndExpungedUidsAreNeverReused() throws Exception {
    Folder inbox = inbox();
    inbox.append(message("one"), Flags.NONE, DATE);
    inbox.append(message("two"), Flags.NONE, DATE);
    assertThat(inbox.expunge(List.of(2L, 7L))).containsExactly(2L);
    // a delivery by SMTP, or by another program, drops a file into new/
    Files.write(inbox.dir().resolve("new/1764576000.M1P1Q1.other,S=5,W=6"), "x\n\nb\n".getBytes());
    assertThat(inbox.messages()).extracting(Message::uid).containsExactly(1L, 3L);
    assertThat(newStore().mailbox("bann.com", "test").inbox().messages())
        .extracting(Message::uid)
        .containsExactly(1L, 3L);
  }

  @Test
  void flagsAndKeywordsLiveInTheFileNameAsDovecotWritesThem() throws Exception {
    Folder inbox = inbox();
    long uid = inbox.append(message("one"), Flags.NONE, DATE).uid();
    Flags wanted = Flags.parse(List.of("\\Seen", "\\Flagged", "$Forwarded", "Work"));
    Message m = inbox.setFlags(uid, wanted).orElseThrow();
    assertThat(m.path().getParent().getFileName().toString()).isEqualTo("cur");
    assertThat(m.path().getFileName().toString()).endsWith(":2,FSab");
    assertThat(Files.readString(inbox.dir().resolve("dovecot-keywords")))
        .isEqualTo("0 $Forwarded\n1 Work\n");
    assertThat(m.base()).as("the base name (POP3 UIDL) stays").doesNotContain(":");

    Message reread = newStore().mailbox("bann.com", "test").inbox().message(uid).orElseThrow();
    assertThat(reread.flags()).isEqualTo(wanted);
    assertThat(reread.flags().hasKeyword("work")).as("keywords ignore case").isTrue();
    assertThat(reread.flags().has(Flag.SEEN)).isTrue();

    Message cleared = inbox.setFlags(uid, Flags.NONE).orElseThrow();
    assertThat(cleared.path().getFileName().toString()).endsWith(":2,");
    assertThat(inbox.setFlags(99, wanted)).isEmpty();
  }

  @Test
  void aLetterOfAnotherProgramIsKeptThroughOurRenames() throws Exception {
    Folder inbox = inbox();
    inbox.create();
    Files.write(inbox.dir().resolve("cur/1764576000.M1P1Q1.other:2,PS"), message("passed"));
    long uid = inbox.messages().get(0).uid();
    Message m = inbox.setFlags(uid, Flags.of(Flag.ANSWERED)).orElseThrow();
    assertThat(m.path().getFileName().toString()).endsWith(":2,PR");
  }

  @Test
  void anUnreadableUidListStartsANewUidValidity() throws Exception {
    Folder inbox = inbox();
    inbox.append(message("one"), Flags.NONE, DATE);
    long validity = inbox.uidValidity();
    Files.writeString(inbox.dir().resolve("dovecot-uidlist"), "garbage\n");
    Folder reopened = newStore().mailbox("bann.com", "test").inbox();
    assertThat(reopened.uidValidity()).isNotEqualTo(validity);
    assertThat(reopened.messages()).extracting(Message::uid).containsExactly(1L);
  }

  @Test
  void theUidListIsDovecots() throws Exception {
    Folder inbox = inbox();
    Message m = inbox.append(message("one"), Flags.NONE, DATE);
    List<String> lines = Files.readAllLines(inbox.dir().resolve("dovecot-uidlist"));
    assertThat(lines.get(0)).matches("3 V\\d+ N\\d+ G[0-9a-f]{32}");
    assertThat(lines).contains("1 :" + m.base());
    assertThat(m.base()).matches("\\d+\\.M\\d{6}P\\d+Q\\d+\\.mail\\.bann\\.com,S=\\d+,W=\\d+");
  }

  @Test
  void copyAndMoveKeepFlagsAndDatesAndSayTheNewUids() throws Exception {
    Mailbox box = store.mailbox("bann.com", "test");
    Folder inbox = box.inbox();
    inbox.append(message("one"), Flags.of(Flag.SEEN), DATE);
    inbox.append(message("two"), Flags.NONE, DATE);
    Folder archive = box.create("Archive");
    archive.append(message("older"), Flags.NONE, DATE);

    Map<Long, Long> copied = inbox.copyTo(List.of(2L, 1L, 9L), archive);
    assertThat(copied).containsExactly(Map.entry(1L, 2L), Map.entry(2L, 3L));
    Message copy = archive.message(2).orElseThrow();
    assertThat(copy.flags().has(Flag.SEEN)).isTrue();
    assertThat(copy.internalDate()).isEqualTo(DATE);
    assertThat(Files.readString(copy.path())).contains("Subject: one");

    Map<Long, Long> moved =
        inbox.moveTo(List.of(1L), box.folder("Trash").orElseGet(() -> create(box, "Trash")));
    assertThat(moved).containsExactly(Map.entry(1L, 1L));
    assertThat(inbox.messages()).extracting(Message::uid).containsExactly(2L);
  }

  private static Folder create(Mailbox box, String name) {
    try {
      return box.create(name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void listenersHearOfEveryChangeAndOfDeliveries() throws Exception {
    Folder inbox = inbox();
    List<FolderChange> heard = new CopyOnWriteArrayList<>();
    try (AutoCloseable handle = inbox.listen(heard::add)) {
      long uid = inbox.append(message("one"), Flags.NONE, DATE).uid();
      inbox.setFlags(uid, Flags.of(Flag.DELETED));
      inbox.expunge(List.of(uid));
      store.arrived("bann.com", "test");
    }
    inbox.append(message("after"), Flags.NONE, DATE);
    assertThat(heard)
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Appended", "FlagsChanged", "Expunged", "Arrived");
  }

  @Test
  void foldersAreMaildirPlusPlusWithDovecotsNames() throws Exception {
    Mailbox box = store.mailbox("bann.com", "test");
    box.ensureSpecialUse();
    box.create("Archive.2024");
    box.create("받은 편지");
    assertThat(box.folders())
        .extracting(Folder::name)
        .containsExactly("INBOX", "Archive.2024", "Drafts", "Junk", "Sent", "Trash", "받은 편지");
    assertThat(box.root().resolve(".Sent/cur")).isDirectory();
    assertThat(box.root().resolve(".&vBvHQA- &07jJwA-")).isDirectory();
    assertThatThrownBy(() -> box.create("sent..")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> box.create("Sent")).isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> box.create("../../etc")).isInstanceOf(IllegalArgumentException.class);

    box.create("Archive");
    box.rename("Archive", "Old");
    assertThat(box.folders()).extracting(Folder::name).contains("Old", "Old.2024");
    box.delete("Old.2024");
    assertThat(box.folder("Old.2024")).isEmpty();
    assertThat(box.folder("inbox")).get().extracting(Folder::name).isEqualTo("INBOX");
  }

  @Test
  void modifiedUtf7AsRfc3501WritesIt() {
    assertThat(FolderNames.encode("台北")).isEqualTo("&U,BTFw-");
    assertThat(FolderNames.encode("日本語")).isEqualTo("&ZeVnLIqe-");
    assertThat(FolderNames.encode("Tom & Jerry")).isEqualTo("Tom &- Jerry");
    assertThat(FolderNames.decode("&U,BTFw-")).contains("台北");
    assertThat(FolderNames.decode("&-")).contains("&");
    assertThat(FolderNames.decode("&U,BT")).isEmpty();
  }

  @Test
  void mailIsPrivate() throws Exception {
    Folder inbox = inbox();
    Message m = inbox.append(message("one"), Flags.NONE, DATE);
    assertThat(Files.getPosixFilePermissions(m.path()))
        .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (Stream<Path> dirs = Files.walk(data.resolve("mail"))) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        assertThat(Files.getPosixFilePermissions(d))
            .as(d.toString())
            .containsOnly(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
      }
    }
  }

  @Test
  void onePop3SessionAtATime() throws Exception {
    Mailbox box = store.mailbox("bann.com", "test");
    AutoCloseable held = box.tryLock().orElseThrow();
    assertThat(store.mailbox("bann.com", "test").tryLock()).isEmpty();
    held.close();
    assertThat(box.tryLock()).isPresent();
  }

  @Test
  void namesThatWouldLeaveTheRootAreRefused() {
    assertThatThrownBy(() -> store.mailbox("bann.com", "../../x")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> store.mailbox("/tmp", "x")).isInstanceOf(IOException.class);
  }

  @Test
  void whatOthersDoToTheFilesIsToldToListenersByTheNextLook() throws Exception {
    Folder inbox = inbox();
    for (String s : List.of("one", "two", "three")) {
      inbox.append(message(s), Flags.of(Flag.SEEN), DATE);
    }
    List<FolderChange> heard = new CopyOnWriteArrayList<>();
    inbox.listen(heard::add);
    Path cur = inbox.dir().resolve("cur");
    Path two = inbox.message(2).orElseThrow().path();
    Path three = inbox.message(3).orElseThrow().path();

    // another program: marks two \Flagged, removes three, delivers into new/
    Files.move(two, cur.resolve(two.getFileName().toString() + "F"));
    Files.delete(three);
    Files.write(inbox.dir().resolve("new").resolve("1796220000.M1P1.other"), message("four"));
    // time stamps unlike the ones we saw, even on a file system that keeps whole seconds
    Files.setLastModifiedTime(cur, java.nio.file.attribute.FileTime.from(DATE));
    Files.setLastModifiedTime(
        inbox.dir().resolve("new"), java.nio.file.attribute.FileTime.from(DATE));
    inbox.look();

    assertThat(heard)
        .containsExactlyInAnyOrder(
            new FolderChange.Expunged(inbox, List.of(3L)),
            new FolderChange.Appended(inbox, List.of(4L)),
            new FolderChange.FlagsChanged(inbox, inbox.message(2).orElseThrow()));
    assertThat(inbox.message(2).orElseThrow().flags()).isEqualTo(Flags.of(Flag.SEEN, Flag.FLAGGED));
    assertThat(inbox.messagesAfter(1)).extracting(Message::uid).containsExactly(2L, 4L);
    assertThat(inbox.messages(List.of(1L, 3L, 4L)).keySet()).containsExactlyInAnyOrder(1L, 4L);
    heard.clear();
    inbox.look();
    assertThat(heard).as("nothing changed since").isEmpty();
  }
}
