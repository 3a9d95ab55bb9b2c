package mxlab.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Files and directories under data_dir that only mxlab's user may read: mail, queue, keys. Java has
 * no umask, so everything mxlab creates there is created through here, 0600 and 0700 (umask 077)
 * where the file system is POSIX; elsewhere the data directory's own access rules apply.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private static final Object[] STRIPES = new Object[64];

  static {
    Arrays.setAll(STRIPES, i -> new Object());
  }

  private PrivateFiles() {}

  /** Creates {@code dir} and any missing parents, each 0700; existing ones are left as they are. */
  public static Path createDirectories(Path dir) throws IOException {
    return isPosix(dir)
        ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR))
        : Files.createDirectories(dir);
  }

  /** Opens a new file, 0600, with {@code options} (which must include a CREATE). */
  public static FileChannel create(Path file, OpenOption... options) throws IOException {
    Set<OpenOption> set = Set.of(options);
    return isPosix(file)
        ? FileChannel.open(file, set, PosixFilePermissions.asFileAttribute(FILE))
        : FileChannel.open(file, set, new FileAttribute<?>[0]);
  }

  /** Makes an existing file 0600: one a library or a copy created with the default mode. */
  public static void restrict(Path file) throws IOException {
    if (isPosix(file)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /**
   * Replaces {@code file} with {@code content} atomically and durably: a 0600 temporary file beside
   * it, fsynced, renamed over it. A failure (a full disk) leaves the old file and no temporary one.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    // one writer at a time per file: a queue flush racing a delivery attempt must not rename the
    // other's half-written temporary file
    synchronized (STRIPES[Math.floorMod(file.toAbsolutePath().hashCode(), STRIPES.length)]) {
      replaceAlone(file, content);
    }
  }

  private static void replaceAlone(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel ch =
          create(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(false);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }

  /**
   * Gives {@code from}'s content a second name: a hard link where the file system allows it (the
   * mode is the original's), else a private, synced copy.
   */
  public static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (FileAlreadyExistsException e) {
      throw e; // never touch a name that is someone else's
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(from, to);
      try {
        restrict(to);
        SyncBatcher.fsync(to);
      } catch (IOException failed) {
        Files.deleteIfExists(to);
        throw failed;
      }
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
