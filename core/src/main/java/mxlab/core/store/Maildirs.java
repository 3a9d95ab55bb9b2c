package mxlab.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import mxlab.core.routing.Mailbox;

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

  public Path dir(Mailbox mailbox) {
    return root.resolve(mailbox.domain()).resolve(mailbox.user());
  }

  /** The mailbox directory, with tmp, new and cur created if missing. */
  public Path ensure(Mailbox mailbox) throws IOException {
    Path dir = dir(mailbox);
    if (!Files.isDirectory(dir.resolve("cur"))) {
      Files.createDirectories(dir.resolve("tmp"));
      Files.createDirectories(dir.resolve("new"));
      Files.createDirectories(dir.resolve("cur"));
      // A new mailbox must survive a crash as much as the message put into it.
      SyncBatcher.fsync(dir);
      SyncBatcher.fsync(dir.getParent());
      SyncBatcher.fsync(root);
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
