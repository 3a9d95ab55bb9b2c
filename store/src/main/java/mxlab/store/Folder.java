package mxlab.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import mxlab.core.store.MessageRendering;
import mxlab.core.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Maildir folder: its messages with permanent UIDs, flags in the file names, append, copy and
 * expunge. Everything that reads or changes the folder's state holds its lock; listeners hear of
 * each change after the lock is released. What others do to the files (a delivery into new/, a
 * Dovecot on the same Maildir) is found by the next sync, which a changed directory triggers, and
 * told to the listeners like a change of our own (from under the lock), so that they never need to
 * compare the whole folder to learn what changed.
 */
public final class Folder {
  /** A directory changed this recently may change again within its time stamp's resolution. */
  private static final Duration SETTLED = Duration.ofSeconds(2);

  /** Fresh listings a known file must be missing from before it counts as expunged. */
  private static final int RELISTS = 2;

  /** Flags by info letters without keywords ("", "S", "FS"): alike in every folder. */
  private static final Map<String, Flags> SYSTEM_FLAGS = new ConcurrentHashMap<>();

  private static final Logger log = LoggerFactory.getLogger(Folder.class);

  private final MailStore store;
  private final Path dir;
  private final String name;
  private final Object lock = new Object();
  private final List<FolderListener> listeners = new CopyOnWriteArrayList<>();
  private UidList uids;
  private Keywords keywords;
  private ModSeqs modseqs;
  private RecentMark recent;
  private TreeMap<Long, Message> messages = new TreeMap<>();
  private FileTime seenNew;
  private FileTime seenCur;
  // the time stamps were old when read: equal ones prove no change
  private boolean seenNewSettled;
  private boolean seenCurSettled;

  Folder(MailStore store, Path dir, String name) {
    this.store = store;
    this.dir = dir;
    this.name = name;
  }

  /** The IMAP name: "INBOX", "Sent", "Archive.2024". */
  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public boolean exists() {
    return Files.isDirectory(dir.resolve("cur"));
  }

  /** Creates tmp/, new/ and cur/ if missing. */
  void create() throws IOException {
    store.createMaildir(dir);
  }

  public long uidValidity() throws IOException {
    synchronized (lock) {
      load();
      return uids.validity();
    }
  }

  /** The UID the next message will get (RFC 3501 2.3.1.1). */
  public long uidNext() throws IOException {
    synchronized (lock) {
      sync();
      return uids.next();
    }
  }

  /** HIGHESTMODSEQ (RFC 7162 3.1.2.1): raised by every arrival, flag change and expunge. */
  public long highestModSeq() throws IOException {
    synchronized (lock) {
      sync();
      return modseqs.highest();
    }
  }

  /** The lowest UID no read-write session has claimed as \Recent (RFC 3501 2.3.2). */
  public long firstRecent() throws IOException {
    synchronized (lock) {
      load();
      return recent.firstUnclaimed();
    }
  }

  /**
   * A read-write session reports the messages below {@code upTo}: those no session claimed before
   * are \Recent for it alone. Returns the first UID it claimed (from there to {@code upTo}).
   */
  public long claimRecent(long upTo) throws IOException {
    synchronized (lock) {
      load();
      return recent.claim(upTo);
    }
  }

  /** The keywords this folder can store. */
  public List<String> keywords() throws IOException {
    synchronized (lock) {
      load();
      return keywords.all();
    }
  }

  /** Every message in UID order, as the folder is on disk now. */
  public List<Message> messages() throws IOException {
    synchronized (lock) {
      sync();
      return List.copyOf(messages.values());
    }
  }

  public Optional<Message> message(long uid) throws IOException {
    synchronized (lock) {
      sync();
      return Optional.ofNullable(messages.get(uid));
    }
  }

  /**
   * The messages above {@code uid} in UID order, as last seen, without reading the directories:
   * what a session adds to its view after hearing of new ones, at the cost of those alone.
   */
  public List<Message> messagesAfter(long uid) throws IOException {
    synchronized (lock) {
      load();
      return List.copyOf(messages.tailMap(uid, false).values());
    }
  }

  /**
   * The messages of these UIDs still here, by UID, as last seen (without reading the directories):
   * a session's lookup of the messages it heard changed, or a STORE's of those it names.
   */
  public Map<Long, Message> messages(Collection<Long> which) throws IOException {
    Map<Long, Message> out = new HashMap<>();
    synchronized (lock) {
      load();
      for (long uid : which) {
        Message m = messages.get(uid);
        if (m != null) {
          out.put(uid, m);
        }
      }
    }
    return out;
  }

  /**
   * Reads the directories if others may have changed them (NOOP, IDLE, a delivery); listeners hear
   * of what they changed.
   */
  public void look() throws IOException {
    synchronized (lock) {
      sync();
    }
  }

  /**
   * Stores a message (APPEND): written to tmp/, synced, renamed into new/ (no flags) or cur/, its
   * directory synced; returns it with its UID once it is durable.
   */
  public Message append(byte[] content, Flags flags, Instant internalDate) throws IOException {
    create();
    String base = store.uniqueName(content.length, MessageRendering.crlfSize(content));
    Path tmp = dir.resolve("tmp").resolve(base);
    try (FileChannel ch =
        PrivateFiles.create(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      Files.setLastModifiedTime(tmp, FileTime.from(internalDate)); // synced with the content
      ch.force(true);
    }
    Message stored = place(tmp, base, flags);
    fire(new FolderChange.Appended(this, List.of(stored.uid())));
    return stored;
  }

  /**
   * Moves a file from tmp/ into the folder with these flags and gives it the next UID; returns once
   * the directory entry is durable.
   */
  private Message place(Path tmp, String base, Flags flags) throws IOException {
    Message placed;
    synchronized (lock) {
      load(); // no rescan per APPEND: what others added meanwhile gets its UID at the next sync
      String letters = letters(flags, "");
      Path target =
          letters.isEmpty()
              ? dir.resolve("new").resolve(base)
              : dir.resolve("cur").resolve(MaildirName.withInfo(base, letters));
      boolean clean = inSync();
      DotLock held;
      try {
        held = uids.lock(); // before the move: a message stored is one with a UID
      } catch (IOException e) {
        log.warn("{}: not stored, the UID list stays locked: {}", this, e.getMessage());
        Files.deleteIfExists(tmp);
        throw e;
      }
      try (held) {
        UidList.Refresh r = uids.refresh();
        if (r == UidList.Refresh.RECREATED) {
          recreated();
        }
        clean &= r == UidList.Refresh.SAME; // others added: the next sync lists them
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        long uid = uids.assign(base);
        uids.append(uid, base, held);
        placed = read(uid, base, target);
      }
      modseqs.save();
      messages.put(placed.uid(), placed);
      if (clean) {
        remember();
      }
    }
    store.syncDirectories(List.of(placed.path().getParent()));
    return placed;
  }

  /**
   * Another process wrote a UID list of another UIDVALIDITY: every UID we hold is void, the next
   * sync reads the folder anew.
   */
  private void recreated() {
    messages.clear();
    seenNew = null;
    seenCur = null;
  }

  /**
   * Sets a message's flags (STORE), renaming its file; empty if it is gone. Keywords past the 26 a
   * folder can hold are not kept: the returned message says what was.
   */
  public Optional<Message> setFlags(long uid, Flags flags) throws IOException {
    return updateFlags(uid, f -> flags, Long.MAX_VALUE).map(FlagUpdate::message);
  }

  /**
   * Changes a message's flags by {@code change} of its current ones, as one step against other
   * sessions, unless its modseq is above {@code unchangedSince} (RFC 7162 3.1.3; Long.MAX_VALUE for
   * an unconditional change); empty if it is gone.
   */
  public Optional<FlagUpdate> updateFlags(
      long uid, UnaryOperator<Flags> change, long unchangedSince) throws IOException {
    Message changed;
    synchronized (lock) {
      // a message we know is renamed without a rescan (POP3 flags each RETR); if another program
      // renamed it meanwhile, the move below finds out and rescans
      Message m = messages.get(uid);
      if (m == null) {
        sync();
        m = messages.get(uid);
      }
      if (m == null) {
        return Optional.empty();
      }
      if (m.modseq() > unchangedSince) {
        return Optional.of(new FlagUpdate(m, true));
      }
      Flags flags = change.apply(m.flags());
      if (m.flags().equals(flags)) {
        return Optional.of(new FlagUpdate(m, false));
      }
      String kept = foreignLetters(MaildirName.parse(m.path().getFileName().toString()).info());
      Path target =
          dir.resolve("cur").resolve(MaildirName.withInfo(m.base(), letters(flags, kept)));
      boolean clean = inSync();
      try {
        Files.move(m.path(), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        clean = false;
        rescan(); // renamed or removed by someone else: try on what is there now
        m = messages.get(uid);
        if (m == null) {
          return Optional.empty();
        }
        Files.move(m.path(), target, StandardCopyOption.ATOMIC_MOVE);
      }
      String info = MaildirName.parse(target.getFileName().toString()).info();
      changed = m.withFile(target, flagsOf(info), modseqs.changed(uid, info));
      modseqs.save();
      messages.put(uid, changed);
      if (clean) {
        remember();
      }
    }
    fire(new FolderChange.FlagsChanged(this, changed));
    return Optional.of(new FlagUpdate(changed, false));
  }

  /**
   * Removes messages for good (EXPUNGE); returns the UIDs that were there to remove. Unlike a new
   * message, a removal is not synced to disk: a crash may bring a \Deleted message back, never lose
   * one (as Dovecot, which syncs no directory). The UID list keeps the lines of removed messages
   * until they are many (a line whose file is gone names no message).
   */
  public List<Long> expunge(Collection<Long> which) throws IOException {
    List<Long> removed = new ArrayList<>();
    synchronized (lock) {
      sync();
      boolean clean = inSync();
      for (long uid : which) {
        Message m = messages.remove(uid);
        if (m == null) {
          continue;
        }
        Files.deleteIfExists(m.path());
        uids.remove(m.base());
        removed.add(uid);
      }
      if (removed.isEmpty()) {
        return removed;
      }
      if (uids.isStale()) {
        try (DotLock held = uids.lock()) {
          uids.refresh(); // keeps what others added; ours removed stay removed
          uids.save(held);
        } catch (IOException e) {
          // the lines of removed messages name no file: compacted at a later expunge
          log.warn("{}: UID list not compacted: {}", this, e.getMessage());
        }
      }
      modseqs.expunged(removed);
      modseqs.save();
      if (clean) {
        remember();
      }
    }
    fire(new FolderChange.Expunged(this, removed));
    return removed;
  }

  /**
   * Copies messages into {@code target} with their flags and internal dates (COPY, RFC 4315
   * COPYUID); returns source UID to new UID, in source order, for the messages that still existed.
   */
  public Map<Long, Long> copyTo(Collection<Long> which, Folder target) throws IOException {
    List<Message> sources = new ArrayList<>();
    synchronized (lock) {
      sync();
      for (long uid : which) {
        Message m = messages.get(uid);
        if (m != null) {
          sources.add(m);
        }
      }
    }
    sources.sort(Comparator.comparingLong(Message::uid));
    target.create();
    Map<Long, Long> copied = new LinkedHashMap<>();
    for (Message m : sources) {
      String base = store.uniqueName(Files.size(m.path()), m.size());
      Path tmp = target.dir.resolve("tmp").resolve(base);
      try {
        PrivateFiles.link(m.path(), tmp); // a hard link: the copy costs a directory entry
      } catch (NoSuchFileException e) {
        continue; // expunged meanwhile
      }
      copied.put(m.uid(), target.place(tmp, base, m.flags()).uid());
    }
    if (!copied.isEmpty()) {
      target.fire(new FolderChange.Appended(target, List.copyOf(copied.values())));
    }
    return copied;
  }

  /** Moves messages (RFC 6851 MOVE): copied, then expunged here. */
  public Map<Long, Long> moveTo(Collection<Long> which, Folder target) throws IOException {
    Map<Long, Long> moved = copyTo(which, target);
    expunge(moved.keySet());
    return moved;
  }

  /** Hears of every change until the returned handle is closed. */
  public AutoCloseable listen(FolderListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void fire(FolderChange change) {
    for (FolderListener l : listeners) {
      l.changed(change);
    }
  }

  // --- reading the directories

  private void load() throws IOException {
    if (uids == null) {
      uids = UidList.load(dir, store.newUidValidity());
      keywords = Keywords.load(dir);
      modseqs = ModSeqs.load(dir);
      recent = RecentMark.load(dir);
    }
  }

  /**
   * Rescans when new/ or cur/ changed since the last look. Equal time stamps prove nothing changed
   * only if they were old when we read them: a change within their resolution of our look may not
   * move them. new/, where others deliver and which stays small, is listed again at every sync
   * while it is recent; cur/, which holds a large folder, only once it has settled: while we change
   * the folder ourselves (every APPEND and STORE moves it), no sync rereads the whole folder, and a
   * rename by others in the same tick as ours is found within {@link #SETTLED}.
   */
  private void sync() throws IOException {
    load();
    FileTime n = mtime(dir.resolve("new"));
    FileTime c = mtime(dir.resolve("cur"));
    boolean sameNew = n.equals(seenNew) && seenNewSettled;
    boolean sameCur = c.equals(seenCur) && (seenCurSettled || !settled(c));
    if (sameNew && sameCur) {
      return;
    }
    seenNew = n;
    seenNewSettled = settled(n);
    if (!sameCur) {
      seenCur = c;
      seenCurSettled = settled(c);
    }
    rescan(!sameCur); // a delivery changes new/ alone: a large cur/ is not listed again
  }

  private static boolean settled(FileTime t) {
    return t.toInstant().isBefore(Instant.now().minus(SETTLED));
  }

  /**
   * Mail was linked into new/ behind our back (a delivery): the next sync reads the directories,
   * even if the delivery fell within the time stamp of our last scan.
   */
  void changedOutside() {
    synchronized (lock) {
      seenNew = null;
    }
  }

  /** Whether what we hold is what the directories held at our last look. */
  private boolean inSync() throws IOException {
    return mtime(dir.resolve("new")).equals(seenNew) && mtime(dir.resolve("cur")).equals(seenCur);
  }

  /**
   * After a change of our own to directories that were in sync: what we hold is what is there, so
   * the next sync need not rescan.
   */
  private void remember() throws IOException {
    seenNew = mtime(dir.resolve("new"));
    seenCur = mtime(dir.resolve("cur"));
    seenNewSettled = false;
    seenCurSettled = false;
  }

  /**
   * Reads new/ and cur/ and updates what we hold in place, telling listeners what others changed:
   * new files (given UIDs in arrival order), files gone, and renames that changed flags.
   */
  private void rescan() throws IOException {
    rescan(true);
  }

  /** As {@link #rescan()}, taking cur/ as we hold it unless {@code cur}. */
  private void rescan(boolean cur) throws IOException {
    load();
    Map<String, Path> files = new HashMap<>();
    if (!cur) {
      Path curDir = dir.resolve("cur");
      for (Message m : messages.values()) {
        if (m.path().startsWith(curDir)) {
          files.put(m.base(), m.path());
        }
      }
    }
    list("new", files, null);
    if (cur) {
      list("cur", files, null);
    }
    // giving UIDs or dropping lines writes the list: under Dovecot's lock, on the list as it is
    DotLock held = null;
    if (!files.keySet().equals(uids.entries().keySet())) {
      try {
        held = uids.lock();
      } catch (IOException e) {
        // the files stay where they are: they get their UIDs at a later sync
        log.warn("{}: new messages wait for their UIDs: {}", this, e.getMessage());
      }
    }
    if (held != null) {
      try {
        if (uids.refresh() == UidList.Refresh.RECREATED) {
          recreated();
        }
      } catch (IOException e) {
        held.close(); // never write a list we could not reread
        throw e;
      }
    }
    try {
      rescanLocked(files, held);
    } finally {
      if (held != null) {
        held.close();
      }
    }
  }

  /** The rest of a rescan, under the list's lock if {@code held} (else no UID is given). */
  private void rescanLocked(Map<String, Path> files, DotLock held) throws IOException {
    // Another program's rename can hide a file from us: new/ to cur/ after we took cur/ as we hold
    // it or listed it, or a flag rename within cur/ that readdir skips (it may return neither
    // name). A file we know is expunged only if fresh listings of both miss it too; else it would
    // vanish and come back as a new message with another UID.
    for (int pass = 0; pass < RELISTS; pass++) {
      Set<String> missing = new HashSet<>(uids.entries().keySet());
      missing.removeAll(files.keySet());
      if (missing.isEmpty()) {
        break;
      }
      list("new", files, missing);
      list("cur", files, missing);
    }
    List<Long> vanished = new ArrayList<>(); // expunged by another program
    List<Long> gone = new ArrayList<>(); // of those, the ones listeners were told of
    boolean changed = false;
    for (var it = uids.entries().entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (!files.containsKey(e.getKey())) {
        it.remove();
        changed = true;
        vanished.add(e.getValue());
        if (messages.remove(e.getValue()) != null) {
          gone.add(e.getValue());
        }
      }
    }
    modseqs.expunged(vanished);
    List<String> unknown = new ArrayList<>();
    for (String base : files.keySet()) {
      if (uids.uid(base) == null) {
        unknown.add(base);
      }
    }
    // new messages get UIDs in arrival order, as a client expects of ascending UIDs
    unknown.sort(
        Comparator.comparingLong((String b) -> new MaildirName(b, "").time())
            .thenComparing(Comparator.naturalOrder()));
    for (String base : held == null ? List.<String>of() : unknown) {
      uids.assign(base);
      changed = true;
    }
    List<Long> added = new ArrayList<>();
    List<Message> flagged = new ArrayList<>();
    for (Map.Entry<String, Path> f : files.entrySet()) {
      Long uid = uids.uid(f.getKey());
      if (uid == null) {
        continue; // no UID yet: the list was locked
      }
      Message known = messages.get(uid);
      if (known != null && known.path().equals(f.getValue())) {
        continue;
      }
      Message now;
      try {
        now = read(uid, f.getKey(), f.getValue());
      } catch (NoSuchFileException e) {
        seenNew = null; // renamed or removed while we looked: the next sync looks again
        continue;
      }
      messages.put(uid, now);
      if (known == null) {
        added.add(uid);
      } else if (!known.flags().equals(now.flags())) {
        flagged.add(now);
      }
    }
    if (changed && held != null) {
      uids.save(held);
    }
    modseqs.save();
    if (held != null) {
      held.close(); // before the listeners: one that writes to the folder must not wait for us
    }
    // under the lock, so that what we found is told before anything changes it again
    if (!gone.isEmpty()) {
      fire(new FolderChange.Expunged(this, gone));
    }
    if (!added.isEmpty()) {
      added.sort(null);
      fire(new FolderChange.Appended(this, added));
    }
    flagged.forEach(m -> fire(new FolderChange.FlagsChanged(this, m)));
  }

  /**
   * Adds the messages of one of new/ and cur/ by base name, only those of {@code only} if given.
   */
  private void list(String sub, Map<String, Path> into, Set<String> only) throws IOException {
    Path d = dir.resolve(sub);
    if (!Files.isDirectory(d)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
      for (Path f : entries) {
        String fileName = f.getFileName().toString();
        if (fileName.startsWith(".")) {
          continue;
        }
        String base = MaildirName.parse(fileName).base();
        if (only == null || only.contains(base)) {
          into.put(base, f);
        }
      }
    }
  }

  private Message read(long uid, String base, Path file) throws IOException {
    long size = new MaildirName(base, "").crlfSize();
    if (size < 0) {
      size = MessageRendering.crlfSize(Files.readAllBytes(file)); // a message others put here
    }
    String info = MaildirName.parse(file.getFileName().toString()).info();
    return new Message(
        uid,
        base,
        file,
        flagsOf(info),
        size,
        Files.getLastModifiedTime(file).toInstant(),
        modseqs.of(uid, info));
  }

  /** The flags of a file name's info letters. */
  private Flags flagsOf(String info) {
    if (SYSTEM_FLAGS.size() < 256 && info.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
      // no keyword letters: the same few sets for every message of a large folder
      return SYSTEM_FLAGS.computeIfAbsent(info, this::parseFlags);
    }
    return parseFlags(info);
  }

  private Flags parseFlags(String info) {
    List<String> names = new ArrayList<>();
    for (char c : info.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        keywords.name(c).ifPresent(names::add);
      } else {
        Flag.ofLetter(c).ifPresent(f -> names.add(f.imapName()));
      }
    }
    return Flags.parse(names);
  }

  /** The info letters for these flags, plus {@code kept} (letters of others we do not own). */
  private String letters(Flags flags, String kept) throws IOException {
    StringBuilder b = new StringBuilder(kept);
    flags.system().forEach(f -> b.append(f.letter()));
    for (String k : flags.keywords()) {
      keywords.letter(k).ifPresent(b::append);
    }
    return b.toString();
  }

  /** Uppercase letters that are no IMAP flag (P, "passed"): kept through our renames. */
  private static String foreignLetters(String info) {
    StringBuilder b = new StringBuilder();
    for (char c : info.toCharArray()) {
      if (c >= 'A' && c <= 'Z' && Flag.ofLetter(c).isEmpty()) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static FileTime mtime(Path d) throws IOException {
    try {
      return Files.getLastModifiedTime(d);
    } catch (NoSuchFileException e) {
      return FileTime.fromMillis(0);
    }
  }

  @Override
  public String toString() {
    return name + " (" + dir + ")";
  }
}
