package mxlab.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;

/**
 * A folder's mod-sequences (RFC 7162 3.1.1) in {@code mxlab-modseq}, beside the {@code
 * dovecot-uidlist} it leaves as Dovecot reads it: a journal of {@code <uid> <modseq> :<info>}
 * lines, one per arrival or flag change, where info is the Maildir flag letters the message had
 * then, and {@code <uid> <modseq> -} for an expunge. The last line of a UID wins; the highest
 * modseq of any line is HIGHESTMODSEQ (1 for a folder that never changed). Lines are only appended
 * (a torn last line after a crash is skipped) and the journal is compacted by an atomic replace. A
 * message whose letters on disk differ from its last line (changed by another program, or a change
 * whose line a crash lost) gets a new modseq, so a client asking CHANGEDSINCE never misses it.
 */
final class ModSeqs {
  static final String FILE = "mxlab-modseq";

  /** The marker line a compaction writes so that HIGHESTMODSEQ survives the expunged ones. */
  private static final long HIGHEST_MARKER = 0;

  private record Entry(long modseq, String info) {}

  private final Path file;
  private final Map<Long, Entry> byUid = new HashMap<>();
  private final StringBuilder pending = new StringBuilder();
  private long pendingLines;
  private long highest = 1; // a folder that never changed: RFC 7162 7 counts from 1
  private long lines;
  private boolean torn;

  private ModSeqs(Path file) {
    this.file = file;
  }

  static ModSeqs load(Path dir) throws IOException {
    ModSeqs m = new ModSeqs(dir.resolve(FILE));
    String content;
    try {
      content = Files.readString(m.file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return m;
    }
    int start = 0;
    for (int nl = content.indexOf('\n'); nl >= 0; nl = content.indexOf('\n', start)) {
      m.parse(content.substring(start, nl)); // a last line without its newline is torn: skipped
      start = nl + 1;
      m.lines++;
    }
    m.torn = start < content.length(); // appending after it would glue a line to the torn one
    return m;
  }

  private void parse(String line) {
    String[] f = line.split(" ", 3);
    if (f.length != 3) {
      return;
    }
    long uid;
    long modseq;
    try {
      uid = Long.parseLong(f[0]);
      modseq = Long.parseLong(f[1]);
    } catch (NumberFormatException e) {
      return;
    }
    highest = Math.max(highest, modseq);
    if (uid == HIGHEST_MARKER) {
      return;
    }
    if (f[2].equals("-")) {
      byUid.remove(uid);
    } else if (f[2].startsWith(":")) {
      byUid.put(uid, new Entry(modseq, f[2].substring(1)));
    }
  }

  long highest() {
    return highest;
  }

  /**
   * The modseq of a message whose file carries {@code info}: the recorded one if the letters are
   * those recorded, else a new one (a message never seen, or changed behind our back).
   */
  long of(long uid, String info) {
    Entry e = byUid.get(uid);
    if (e != null && e.info().equals(info)) {
      return e.modseq();
    }
    return changed(uid, info);
  }

  /** A message arrived or its flags changed: a new modseq, above every other. */
  long changed(long uid, String info) {
    long modseq = ++highest;
    byUid.put(uid, new Entry(modseq, info));
    pending.append(uid).append(' ').append(modseq).append(" :").append(info).append('\n');
    pendingLines++;
    return modseq;
  }

  /** Messages are gone: HIGHESTMODSEQ rises (RFC 7162 3.1.2.1), their entries go. */
  void expunged(Collection<Long> uids) {
    // only those still known: a rescan may find again the files of an expunge already recorded
    List<Long> known = uids.stream().filter(u -> byUid.remove(u) != null).toList();
    if (known.isEmpty()) {
      return;
    }
    long modseq = ++highest;
    for (long uid : known) {
      pending.append(uid).append(' ').append(modseq).append(" -\n");
    }
    pendingLines += known.size();
  }

  /**
   * Writes what changed since the last call: appended to the journal, or the whole state anew once
   * the journal holds far more lines than messages.
   */
  void save() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    if (torn || lines + pendingLines > 2L * byUid.size() + 1000) {
      compact();
      return;
    }
    // synced: a modseq a client was told must not come back lower after a crash (RFC 7162 3.1.2)
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    } catch (NoSuchFileException e) {
      compact(); // no journal yet (or removed): written whole
      return;
    }
    lines += pendingLines;
    pending.setLength(0);
    pendingLines = 0;
  }

  private void compact() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(HIGHEST_MARKER).append(' ').append(highest).append(" -\n");
    byUid.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append(e.getKey())
                    .append(' ')
                    .append(e.getValue().modseq())
                    .append(" :")
                    .append(e.getValue().info())
                    .append('\n'));
    PrivateFiles.replace(file, b.toString().getBytes(StandardCharsets.UTF_8));
    SyncBatcher.fsync(file.getParent()); // the rename too: else a crash brings back the old one
    lines = byUid.size() + 1;
    torn = false;
    pending.setLength(0);
    pendingLines = 0;
  }
}
