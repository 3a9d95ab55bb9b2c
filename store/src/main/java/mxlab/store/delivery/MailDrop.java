package mxlab.store.delivery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueStore;
import mxlab.core.routing.Mailbox;
import mxlab.core.store.MessageRendering;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SpoolWriter;
import mxlab.core.store.SyncBatcher;
import mxlab.store.MailStore;
import mxlab.store.Maildirs;

/**
 * Where accepted mail goes before the client hears 250: written once to the spool, fsynced,
 * hard-linked into each recipient's {@code Maildir/new} and, for off-site recipients, into the
 * queue; then the directories are synced together (group commit). The spool is every Maildir's
 * tmp/: one durable file linked into many mailboxes, rather than one copy each. The MDA part of the
 * tutorial (procmail/maildrop), crash-safe: a message is either in every place or reported as
 * failed.
 */
public final class MailDrop {
  private final Path spoolDir;
  private final Maildirs maildirs;
  private final QueueStore queue;
  private final SyncBatcher batcher;
  private final SpoolWriter.Opener spoolFiles;
  private final MailStore store;

  public MailDrop(Path dataDir, String hostname, SyncBatcher batcher) throws IOException {
    this(dataDir, hostname, batcher, SpoolWriter.NEW_PRIVATE_FILE);
  }

  /** With spool files opened by {@code spoolFiles}: tests simulate a full disk there. */
  public MailDrop(Path dataDir, String hostname, SyncBatcher batcher, SpoolWriter.Opener spoolFiles)
      throws IOException {
    this.spoolDir = dataDir.resolve("spool");
    PrivateFiles.createDirectories(spoolDir);
    this.maildirs = new Maildirs(dataDir.resolve("mail"), hostname);
    PrivateFiles.createDirectories(maildirs.root());
    this.queue = new QueueStore(dataDir.resolve("queue"));
    this.batcher = batcher;
    this.spoolFiles = spoolFiles;
    this.store = new MailStore(maildirs, batcher);
  }

  /** The mailboxes this delivers into, as sessions read and change them. */
  public MailStore mailStore() {
    return store;
  }

  public Maildirs maildirs() {
    return maildirs;
  }

  public QueueStore queue() {
    return queue;
  }

  public SpoolWriter newSpool(String id) throws IOException {
    return SpoolWriter.create(spoolDir, id, spoolFiles);
  }

  /**
   * Makes {@code spooled} durable in every mailbox and, if {@code queued} is not null, in the
   * queue. On failure nothing is left half-delivered and the exception says why.
   */
  public void deliver(SpoolWriter.Spooled spooled, List<Mailbox> mailboxes, Envelope queued)
      throws IOException {
    deliver(spooled, mailboxes, queued, Filing.INBOX);
  }

  /** As {@link #deliver(SpoolWriter.Spooled, List, Envelope)}, into {@code filing}'s folder. */
  public void deliver(
      SpoolWriter.Spooled spooled, List<Mailbox> mailboxes, Envelope queued, Filing filing)
      throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    List<Path> created = new ArrayList<>();
    try {
      linkIntoMailboxes(spooled, mailboxes, filing, dirs, created);
      if (queued != null) {
        queue.add(spooled.file(), queued);
        created.add(queue.messageFile(queued.id()));
        dirs.add(queue.dir());
      }
      batcher.syncDirectories(dirs);
    } catch (IOException e) {
      for (Path p : created) {
        Files.deleteIfExists(p);
      }
      if (queued != null) {
        queue.remove(queued.id());
      }
      throw e;
    } finally {
      Files.deleteIfExists(spooled.file());
    }
    arrived(mailboxes, filing);
  }

  /** Open sessions on these folders (IMAP IDLE) hear of the new mail. */
  private void arrived(List<Mailbox> mailboxes, Filing filing) throws IOException {
    for (Mailbox m : mailboxes) {
      if (filing == Filing.INBOX) {
        store.arrived(m.domain(), m.user());
      } else {
        store.arrived(m.domain(), m.user(), filing.folder());
      }
    }
  }

  /**
   * Delivers a message that is already durable elsewhere (a queued one whose recipient turned out
   * to be local) into mailboxes; returns once it is durable there.
   */
  public void deliverExisting(Path file, List<Mailbox> mailboxes) throws IOException {
    byte[] content = Files.readAllBytes(file);
    SpoolWriter.Spooled spooled =
        new SpoolWriter.Spooled(file, content.length, MessageRendering.crlfSize(content));
    Set<Path> dirs = new LinkedHashSet<>();
    List<Path> created = new ArrayList<>();
    try {
      linkIntoMailboxes(spooled, mailboxes, Filing.INBOX, dirs, created);
      batcher.syncDirectories(dirs);
    } catch (IOException e) {
      for (Path p : created) {
        Files.deleteIfExists(p);
      }
      throw e;
    }
    arrived(mailboxes, Filing.INBOX);
  }

  private void linkIntoMailboxes(
      SpoolWriter.Spooled spooled,
      List<Mailbox> mailboxes,
      Filing filing,
      Set<Path> dirs,
      List<Path> created)
      throws IOException {
    for (Mailbox mailbox : mailboxes) {
      Path dir =
          filing == Filing.INBOX
              ? maildirs.ensure(mailbox)
              : maildirs.ensureFolder(mailbox, filing.folder());
      Path newDir = dir.resolve("new");
      Path target = newDir.resolve(maildirs.uniqueName(spooled.size(), spooled.crlfSize()));
      PrivateFiles.link(spooled.file(), target);
      created.add(target);
      dirs.add(newDir);
    }
  }

  /** Removes spool files of messages that never got their 250 (a crash mid-DATA). */
  public int sweepSpool() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDir)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
        removed++;
      }
    }
    return removed;
  }
}
