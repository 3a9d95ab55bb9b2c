package mxlab.imap.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import mxlab.core.store.SyncBatcher;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.SequenceSet;
import mxlab.store.Flag;
import mxlab.store.Flags;
import mxlab.store.Folder;
import mxlab.store.MailStore;
import mxlab.store.Maildirs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectedFolderTest {
  @TempDir Path data;
  SyncBatcher batcher;
  Folder inbox;

  @BeforeEach
  void open() throws Exception {
    batcher = new SyncBatcher();
    MailStore store = new MailStore(new Maildirs(data, "mail.bann.com"), batcher);
    inbox = store.mailbox("bann.com", "test").inbox();
    for (int i = 0; i < 6; i++) {
      append();
    }
    inbox.expunge(List.of(2L, 4L)); // UIDs 1 3 5 6 remain
  }

  @AfterEach
  void close() {
    batcher.close();
  }

  long append() throws Exception {
    return inbox
        .append("Subject: x\n\nbody\n".getBytes(StandardCharsets.UTF_8), Flags.NONE, Instant.now())
        .uid();
  }

  static String lines(List<byte[]> out) {
    StringBuilder b = new StringBuilder();
    out.forEach(l -> b.append(new String(l, StandardCharsets.US_ASCII)));
    return b.toString();
  }

  @Test
  void sequenceNumbersAndUidsMapBothWays() throws Exception {
    SelectedFolder v = SelectedFolder.open(inbox, false);
    assertThat(v.exists()).isEqualTo(4);
    assertThat(v.uid(2)).isEqualTo(5);
    assertThat(v.indexOf(5)).isEqualTo(2);
    assertThat(v.indexOf(4)).isEqualTo(-1);
  }

  @Test
  void uidSetsIgnoreMissingUidsAndStarIsTheHighest() throws Exception {
    SelectedFolder v = SelectedFolder.open(inbox, false);
    assertThat(v.select(SequenceSet.parse("2:5"), true)).isEqualTo(bits(1, 2));
    assertThat(v.select(SequenceSet.parse("*:4"), true)).isEqualTo(bits(2, 3));
    assertThat(v.select(SequenceSet.parse("100:*"), true)).isEqualTo(bits(3));
    assertThat(v.select(SequenceSet.parse("7:9"), true)).isEqualTo(bits());
    assertThat(v.select(SequenceSet.parse("*:3,1"), false)).isEqualTo(bits(0, 2, 3));
    assertThatThrownBy(() -> v.select(SequenceSet.parse("5"), false))
        .isInstanceOf(ImapSyntaxException.class);
  }

  @Test
  void expungedMessagesStayAsGhostsUntilTheyMayBeReported() throws Exception {
    SelectedFolder v = SelectedFolder.open(inbox, false);
    inbox.expunge(List.of(3L, 6L));
    inbox.setFlags(5, Flags.of(Flag.SEEN));
    long added = append();
    assertThat(lines(v.refresh(false, true)))
        .isEqualTo("* 3 FETCH (UID 5 FLAGS (\\Seen \\Recent))\r\n* 5 EXISTS\r\n* 5 RECENT\r\n");
    assertThat(v.exists()).isEqualTo(5);
    assertThat(v.message(1)).isNull(); // UID 3, expunged: its number stays
    assertThat(v.uid(4)).isEqualTo(added);
    assertThat(lines(v.refresh(true, false))).isEqualTo("* 4 EXPUNGE\r\n* 2 EXPUNGE\r\n");
    assertThat(v.exists()).isEqualTo(3);
    assertThat(v.select(SequenceSet.parse("1:*"), true)).isEqualTo(bits(0, 1, 2));
    assertThat(v.uid(1)).isEqualTo(5);
    assertThat(lines(v.refresh(true, true))).isEmpty();
  }

  @Test
  void recentIsForTheFirstReadWriteSessionToReportAMessage() throws Exception {
    SelectedFolder first = SelectedFolder.open(inbox, false);
    assertThat(first.recentCount()).isEqualTo(4);
    assertThat(first.flagNames(0, first.message(0))).containsExactly("\\Recent");
    SelectedFolder second = SelectedFolder.open(inbox, false);
    SelectedFolder examining = SelectedFolder.open(inbox, true);
    assertThat(second.recentCount()).isZero();
    assertThat(examining.recentCount()).isZero();

    append(); // UID 7
    assertThat(lines(examining.refresh(true, true)))
        .as("a read-only session sees what nobody claimed, and claims nothing")
        .isEqualTo("* 5 EXISTS\r\n* 1 RECENT\r\n");
    assertThat(lines(second.refresh(true, true))).isEqualTo("* 5 EXISTS\r\n* 1 RECENT\r\n");
    assertThat(second.recent(4)).isTrue();
    assertThat(lines(first.refresh(true, true))).isEqualTo("* 5 EXISTS\r\n* 4 RECENT\r\n");
    assertThat(first.recent(4)).isFalse();
    inbox.expunge(List.of(1L));
    first.refresh(true, true);
    assertThat(first.recentCount()).isEqualTo(3);

    Folder again =
        new MailStore(new Maildirs(data, "mail.bann.com"), batcher)
            .mailbox("bann.com", "test")
            .inbox();
    assertThat(SelectedFolder.open(again, false).recentCount())
        .as("kept across a restart")
        .isZero();
  }

  @Test
  void changesTooManyToNoteAreFoundByComparingTheWholeFolder() throws Exception {
    // 1100 messages written by another program, so that this takes no 1100 fsyncs
    Path cur = inbox.dir().resolve("cur");
    for (int i = 0; i < 1100; i++) {
      Files.writeString(cur.resolve(String.format("1796220000.M%04dP1.other:2,", i)), "x\n");
    }
    Files.setLastModifiedTime(cur, FileTime.from(Instant.parse("2026-11-30T08:00:00Z")));
    SelectedFolder v = SelectedFolder.open(inbox, false);
    assertThat(v.exists()).isEqualTo(1104);
    List<Long> added = new java.util.ArrayList<>();
    for (int i = 4; i < 1104; i++) {
      added.add(v.uid(i));
    }
    inbox.setFlags(1, Flags.of(Flag.FLAGGED));
    inbox.expunge(added.subList(0, 1099)); // more UIDs than the view notes one by one
    long last = append();
    String told = lines(v.refresh(true, false));
    assertThat(told).startsWith("* 1103 EXPUNGE\r\n* 1102 EXPUNGE\r\n");
    assertThat(told)
        .endsWith(
            "* 5 EXPUNGE\r\n* 1 FETCH (UID 1 FLAGS (\\Flagged \\Recent))\r\n"
                + "* 6 EXISTS\r\n* 6 RECENT\r\n");
    assertThat(told.split("EXPUNGE", -1)).hasSize(1100);
    assertThat(v.exists()).isEqualTo(6);
    assertThat(v.uid(4)).isEqualTo(added.get(1099));
    assertThat(v.uid(5)).isEqualTo(last);
    v.close();
  }

  static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }
}
