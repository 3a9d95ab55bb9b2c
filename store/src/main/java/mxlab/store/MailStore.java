package mxlab.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;

/**
 * Every user's mailbox under {@code data_dir/mail/DOMAIN/USER} (Dovecot's {@code maildir:%d/%n}),
 * one {@link Folder} object per folder directory so that its lock and listeners are shared by every
 * session and delivery in this process.
 */
public final class MailStore {
  private final Maildirs maildirs;
  private final SyncBatcher batcher;
  private final ConcurrentHashMap<Path, Folder> folders = new ConcurrentHashMap<>();
  private final Set<Path> locked = ConcurrentHashMap.newKeySet();
  private static final AtomicLong LAST_VALIDITY = new AtomicLong();

  public MailStore(Maildirs maildirs, SyncBatcher batcher) {
    this.maildirs = maildirs;
    this.batcher = batcher;
  }

  /** A user's mailbox; refused (IOException) when the names would not stay under the root. */
  public Mailbox mailbox(String domain, String user) throws IOException {
    Path root = maildirs.dir(new mxlab.core.routing.Mailbox(domain, user));
    return new Mailbox(this, root, domain, user);
  }

  /** New mail was linked into a user's new/ (an SMTP delivery): tell the INBOX's listeners. */
  public void arrived(String domain, String user) throws IOException {
    Folder inbox = folders.get(maildirs.dir(new mxlab.core.routing.Mailbox(domain, user)));
    if (inbox != null) {
      inbox.changedOutside();
      inbox.fire(new FolderChange.Arrived(inbox));
    }
  }

  /** New mail was linked into a folder's new/ (a quarantined delivery): tell its listeners. */
  public void arrived(String domain, String user, String folder) throws IOException {
    Path root = maildirs.dir(new mxlab.core.routing.Mailbox(domain, user));
    Folder f = folders.get(root.resolve(FolderNames.toDirectory(folder)).normalize());
    if (f != null) {
      f.changedOutside();
      f.fire(new FolderChange.Arrived(f));
    }
  }

  Folder folder(Path dir, String name) {
    return folders.computeIfAbsent(dir.normalize(), d -> new Folder(this, d, name));
  }

  /** A folder directory was removed or renamed: its object must not serve a new one. */
  void forget(Path dir) {
    folders.remove(dir.normalize());
  }

  Optional<AutoCloseable> tryLock(Path root) {
    Path key = root.normalize();
    if (!locked.add(key)) {
      return Optional.empty();
    }
    return Optional.of(() -> locked.remove(key));
  }

  String uniqueName(long size, long crlfSize) {
    return maildirs.uniqueName(size, crlfSize);
  }

  void syncDirectories(Collection<Path> dirs) throws IOException {
    batcher.syncDirectories(dirs);
  }

  /** tmp/, new/ and cur/, private (0700), durable before anything is put in them. */
  void createMaildir(Path dir) throws IOException {
    if (Files.isDirectory(dir.resolve("cur"))) {
      return;
    }
    for (String sub : List.of("tmp", "new", "cur")) {
      PrivateFiles.createDirectories(dir.resolve(sub));
    }
    SyncBatcher.fsync(dir);
    SyncBatcher.fsync(dir.getParent());
  }

  /** UIDVALIDITY for a new folder: the time in seconds, never twice the same in this process. */
  long newUidValidity() {
    long now = Instant.now().getEpochSecond();
    return LAST_VALIDITY.updateAndGet(last -> Math.max(last + 1, now));
  }
}
