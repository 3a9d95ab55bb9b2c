package mxlab.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import mxlab.core.store.PrivateFiles;

/**
 * Where \Recent ends (RFC 3501 2.3.2), in {@code mxlab-recent}: the lowest UID no read-write
 * session has been told of yet. Every message from it on is recent; a session that reports messages
 * claims them by moving the mark past them, so no later session sees them as recent. A folder
 * without the file has told no session anything: all of its messages are recent.
 */
final class RecentMark {
  static final String FILE = "mxlab-recent";

  private final Path file;
  private long firstUnclaimed = 1;

  private RecentMark(Path file) {
    this.file = file;
  }

  static RecentMark load(Path dir) throws IOException {
    RecentMark r = new RecentMark(dir.resolve(FILE));
    try {
      r.firstUnclaimed = Math.max(1, Long.parseLong(Files.readString(r.file).strip()));
    } catch (NoSuchFileException | NumberFormatException e) {
      // never claimed, or unreadable: every message counts as recent (RFC 3501 2.3.2 "SHOULD")
    }
    return r;
  }

  long firstUnclaimed() {
    return firstUnclaimed;
  }

  /** Claims the UIDs below {@code upTo}; returns the first of those this call claimed. */
  long claim(long upTo) throws IOException {
    long from = firstUnclaimed;
    if (upTo > from) {
      firstUnclaimed = upTo;
      write(upTo);
    }
    return from;
  }

  /**
   * Overwritten in place, not synced, always 20 digits and a newline: one small write at offset 0
   * replaces the old mark whole, without the rename that ext4 (auto_da_alloc) would turn into a
   * flush on every new message. A crash may lose the last claims, and those messages are then
   * recent once more, which RFC 3501 2.3.2 prefers to never. (A write torn inside its 21 bytes,
   * unlikely within one page, would give some other mark: \Recent is advisory.)
   */
  private void write(long mark) throws IOException {
    try (FileChannel ch =
        PrivateFiles.create(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer b =
          ByteBuffer.wrap(String.format("%020d\n", mark).getBytes(StandardCharsets.US_ASCII));
      long at = 0;
      while (b.hasRemaining()) {
        at += ch.write(b, at);
      }
    }
  }
}
