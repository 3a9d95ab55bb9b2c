package mxlab.core.store;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One incoming message on its way to disk, written once however many mailboxes and queue entries it
 * ends up in. Lines are stored with LF endings, as Maildir files are; the size counts both the
 * octets on disk and the octets a client sees with CRLF (Dovecot's S= and W=).
 */
public final class SpoolWriter implements Closeable {
  /** How a spool file is opened; tests put a full disk behind it. */
  @FunctionalInterface
  public interface Opener {
    FileChannel open(Path file) throws IOException;
  }

  /** A new file, 0600. */
  public static final Opener NEW_PRIVATE_FILE =
      file -> PrivateFiles.create(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final Path file;
  private final FileChannel channel;
  private final OutputStream out;
  private long size;
  private long lines;
  private boolean finished;

  private SpoolWriter(Path file, Opener opener) throws IOException {
    this.file = file;
    this.channel = opener.open(file);
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
  }

  /** Starts {@code dir/name}; the directory must exist. */
  public static SpoolWriter create(Path dir, String name) throws IOException {
    return create(dir, name, NEW_PRIVATE_FILE);
  }

  public static SpoolWriter create(Path dir, String name, Opener opener) throws IOException {
    return new SpoolWriter(dir.resolve(name), opener);
  }

  /** Writes one line without its ending, then LF; on failure the file is gone. */
  public void line(byte[] bytes, int offset, int length) throws IOException {
    try {
      out.write(bytes, offset, length);
      out.write('\n');
    } catch (IOException e) {
      discard(); // a full disk: free the space at once, whatever the caller does next
      throw e;
    }
    size += length + 1;
    lines++;
  }

  public void line(byte[] bytes) throws IOException {
    line(bytes, 0, bytes.length);
  }

  public long size() {
    return size;
  }

  /**
   * Flushes and fsyncs the content; the message's name in a directory is synced later. On failure
   * the file is gone.
   */
  public Spooled finish() throws IOException {
    return finish(true);
  }

  /**
   * Flushes and closes without fsync: for a file that is read once more and then either synced with
   * {@link #sync} or replaced by a synced copy (the message hooks may add header fields).
   */
  public Spooled finishUnsynced() throws IOException {
    return finish(false);
  }

  private Spooled finish(boolean sync) throws IOException {
    try {
      out.flush();
      if (sync) {
        channel.force(false);
      }
      channel.close();
    } catch (IOException e) {
      discard();
      throw e;
    }
    finished = true;
    return new Spooled(file, size, size + lines);
  }

  /** Makes a file written by {@link #finishUnsynced} durable (fsync reaches the file's data). */
  public static void sync(Path file) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.force(false);
    }
  }

  /** Drops an unfinished message. */
  public void discard() {
    try {
      close();
    } catch (IOException e) {
      // removing is what matters
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // tmp files are swept at start-up
    }
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      channel.close();
    }
  }

  /**
   * A finished spool file.
   *
   * @param size octets on disk (LF line ends)
   * @param crlfSize octets as sent to a client (CRLF line ends)
   */
  public record Spooled(Path file, long size, long crlfSize) {}
}
