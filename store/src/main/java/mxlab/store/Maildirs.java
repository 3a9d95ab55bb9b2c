package mxlab.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import mxlab.core.routing.Mailbox;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;

/**
 * Where mailboxes live: {@code data_dir/mail/DOMAIN/USER/{tmp,new,cur}} (Dovecot's {@code
 * maildir:%d/%n}), and the unique file names of the Maildir convention.
 */
public final class Maildirs {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private final Path root;
  private final String host;

  public Maildirs(Path root, String hostname) {
    this.root = root;
    // Maildir: '/' and ':' in the host part are written as \057 and \072
    this.host = hostname.replace("/", "\\057").replace(":", "\\072");
  }

  public Path root() {
    return root;
  }

  /**
   * The one place a mailbox becomes a path, for every writer and reader. The spec admits only safe
   * names; this refuses, whatever let it through, a domain or user that is not one plain path
   * segment or that would not normalise to {@code root/DOMAIN/USER}.
   */
  public Path dir(Mailbox mailbox) throws IOException {
    Path base = root.normalize();
    if (isSegment(mailbox.domain()) && isSegment(mailbox.user())) {
      Path dir = base.resolve(mailbox.domain()).resolve(mailbox.user()).normalize();
      if (dir.startsWith(base) && dir.getNameCount() == base.getNameCount() + 2) {
        return dir;
      }
    }
    throw new IOException("refusing the mailbox " + mailbox + ": its name is not a safe path");
  }

  private static boolean isSegment(String name) {
    return !name.isEmpty()
        && !name.startsWith(".")
        && name.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
  }

  /** The mailbox directory, with tmp, new and cur created if missing. */
  public Path ensure(Mailbox mailbox) throws IOException {
    Path dir = dir(mailbox);
    if (!Files.isDirectory(dir.resolve("cur"))) {
      PrivateFiles.createDirectories(dir.resolve("tmp"));
      PrivateFiles.createDirectories(dir.resolve("new"));
      PrivateFiles.createDirectories(dir.resolve("cur"));
      // A new mailbox must survive a crash as much as the message put into it.
      SyncBatcher.fsync(dir);
      SyncBatcher.fsync(dir.getParent());
      SyncBatcher.fsync(root);
    }
    return dir;
  }

  /**
   * A folder's directory ({@code .Name}, Maildir++) in the mailbox, both created if missing: where
   * a delivery files mail outside the INBOX (a DMARC quarantine into Junk).
   */
  public Path ensureFolder(Mailbox mailbox, String folder) throws IOException {
    Path dir = ensure(mailbox).resolve(FolderNames.toDirectory(folder));
    if (!Files.isDirectory(dir.resolve("cur"))) {
      for (String sub : new String[] {"tmp", "new", "cur"}) {
        PrivateFiles.createDirectories(dir.resolve(sub));
      }
      SyncBatcher.fsync(dir);
      SyncBatcher.fsync(dir.getParent());
    }
    return dir;
  }

  /**
   * A unique name, {@code time.MusecPpidQn.host,S=size,W=crlfsize}: unique per process by the
   * counter, across restarts by the time and pid.
   */
  public String uniqueName(long size, long crlfSize) {
    Instant now = Instant.now();
    // zero-padded microseconds: names of one second sort in arrival order
    return now.getEpochSecond()
        + ".M"
        + String.format("%06d", now.getNano() / 1000)
        + "P"
        + PID
        + "Q"
        + COUNTER.incrementAndGet()
        + "."
        + host
        + ",S="
        + size
        + ",W="
        + crlfSize;
  }
}
