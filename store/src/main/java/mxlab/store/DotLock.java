package mxlab.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;

/**
 * Dovecot's dotlock of a file ({@code lib/file-dotlock.c} with {@code dotlock_use_excl}): {@code
 * <file>.lock} created with O_EXCL; whoever created it owns the file. A new version of the file is
 * written into the lock and renamed over the file ({@code file_dotlock_replace}), which releases
 * the lock. A lock not changed for {@link #STALE} is a crashed holder's and is overridden, as
 * Dovecot does for {@code dovecot-uidlist.lock} (MAILDIR_UIDLIST_LOCK_STALE_TIMEOUT).
 */
final class DotLock implements AutoCloseable {
  static final Duration STALE = Duration.ofMinutes(2);

  private static final Duration POLL = Duration.ofMillis(20);

  private final Path target;
  private final Path lock;
  private final FileChannel channel;
  private final Object key; // the inode we created: never delete a lock that replaced ours
  private boolean released;

  private DotLock(Path target, Path lock, FileChannel channel, Object key) {
    this.target = target;
    this.lock = lock;
    this.channel = channel;
    this.key = key;
  }

  /**
   * Takes the lock of {@code target}, waiting up to {@code wait} for another holder, overriding a
   * stale lock; an IOException names the lock if it stays held.
   */
  static DotLock acquire(Path target, Duration wait) throws IOException {
    Path lock = target.resolveSibling(target.getFileName() + ".lock");
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      try {
        FileChannel ch =
            PrivateFiles.create(lock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Object key = Files.readAttributes(lock, BasicFileAttributes.class).fileKey();
        return new DotLock(target, lock, ch, key);
      } catch (FileAlreadyExistsException held) {
        overrideIfStale(lock, target);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException(lock + " is held by another process for more than " + wait);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + lock, e);
      }
    }
  }

  /**
   * Removes a lock whose holder stopped changing it and the file it guards {@link #STALE} ago (a
   * crashed process), as Dovecot's check_lock does.
   */
  private static void overrideIfStale(Path lock, Path target) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(lock, BasicFileAttributes.class);
    } catch (NoSuchFileException released) {
      return;
    }
    Instant staleBefore = Instant.now().minus(STALE);
    if (a.lastModifiedTime().toInstant().isBefore(staleBefore)
        && !changedSince(target, staleBefore)) {
      // Dovecot's check is the same race: two waiters may both see it stale; the second then
      // deletes the first one's new lock only if it is again that old, which a live one is not
      try {
        BasicFileAttributes again = Files.readAttributes(lock, BasicFileAttributes.class);
        if (Objects.equals(again.fileKey(), a.fileKey())
            && again.lastModifiedTime().equals(a.lastModifiedTime())) {
          Files.deleteIfExists(lock);
        }
      } catch (NoSuchFileException released) {
        // its holder finished meanwhile
      }
    }
  }

  private static boolean changedSince(Path file, Instant when) throws IOException {
    try {
      return !Files.getLastModifiedTime(file).toInstant().isBefore(when);
    } catch (NoSuchFileException e) {
      return false; // as Dovecot: a missing file has not changed
    }
  }

  /**
   * Writes {@code content} into the lock, syncs it, renames it over the file and syncs the
   * directory (a lost rename would bring back a list with a lower N); the lock is released. Returns
   * the attributes of what was written.
   */
  BasicFileAttributes replace(byte[] content) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(content);
    while (b.hasRemaining()) {
      channel.write(b);
    }
    channel.force(false);
    channel.close();
    // taken before the rename, which keeps inode, size and mtime: once the name is free another
    // process may lock and change the list, and a look after it would take theirs for ours
    BasicFileAttributes written = Files.readAttributes(lock, BasicFileAttributes.class);
    Files.move(lock, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    released = true;
    SyncBatcher.fsync(target.getParent());
    return written;
  }

  /** Releases the lock unless {@link #replace} did. */
  @Override
  public void close() throws IOException {
    if (released) {
      return;
    }
    released = true;
    channel.close();
    try {
      if (Objects.equals(Files.readAttributes(lock, BasicFileAttributes.class).fileKey(), key)) {
        Files.delete(lock);
      }
    } catch (NoSuchFileException e) {
      // overridden as stale by another process: nothing of ours left
    }
  }
}
