package mxlab.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A folder's permanent UIDs, in Dovecot's {@code dovecot-uidlist} (version 3): a header {@code 3
 * V<uidvalidity> N<uidnext> G<guid>}, then one {@code <uid> :<base name>} line a message, so a
 * Dovecot pointed at the same Maildir serves the same UIDs. A file it cannot read starts a new
 * UIDVALIDITY (RFC 3501 2.3.1.1: clients then refetch rather than see wrong messages).
 */
final class UidList {
  static final String FILE = "dovecot-uidlist";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * How long a writer waits for another's lock. Dovecot holds it for one sync (milliseconds); a
   * lock held for seconds is a crashed holder's, overridden only after {@link DotLock#STALE}.
   * Waiting those 2 minutes (as Dovecot does) would hold every session of the folder and outlast
   * SMTP and IMAP client timeouts; 10 s outlasts any real sync and leaves a delivery in new/ to get
   * its UID at a later sync.
   */
  static final Duration LOCK_WAIT = Duration.ofSeconds(10);

  private final Path file;
  private long validity;
  private long next;
  private String guid;
  private final Map<String, Long> byBase = new LinkedHashMap<>();
  private int stale; // lines in the file for messages removed since it was written
  private boolean torn; // the file does not end in a newline: appending would glue a line to it
  private Stamp stamp; // the file as we last read or wrote it
  private final Set<String> removedHere = new HashSet<>(); // their lines are in the file yet

  /** What tells that another process wrote the file: a new inode (a rename), size or time. */
  private record Stamp(Object key, long size, FileTime modified) {
    static Stamp of(Path file) throws IOException {
      try {
        return of(Files.readAttributes(file, BasicFileAttributes.class));
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    static Stamp of(BasicFileAttributes a) {
      return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime());
    }
  }

  private UidList(Path file) {
    this.file = file;
  }

  static UidList load(Path dir, long newValidity) throws IOException {
    UidList u = new UidList(dir.resolve(FILE));
    if (u.read()) {
      return u;
    }
    u.byBase.clear();
    u.validity = newValidity;
    u.next = 1;
    byte[] g = new byte[16];
    RANDOM.nextBytes(g);
    u.guid = HexFormat.of().formatHex(g);
    return u;
  }

  /**
   * Reads the file into this list, replacing what it held; false if it is missing or unreadable.
   */
  private boolean read() throws IOException {
    Stamp before = Stamp.of(file);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      stamp = null;
      return false; // a folder never opened before
    }
    // a stamp older than the content at worst makes the next refresh read it once more
    stamp = before;
    UidList fresh = new UidList(file);
    if (!fresh.parse(content)) {
      return false;
    }
    validity = fresh.validity;
    next = fresh.next;
    guid = fresh.guid;
    byBase.clear();
    byBase.putAll(fresh.byBase);
    stale = 0;
    torn = !content.isEmpty() && !content.endsWith("\n");
    return true;
  }

  /** Takes the file's lock, held while UIDs are given or the file is written. */
  DotLock lock() throws IOException {
    return DotLock.acquire(file, LOCK_WAIT);
  }

  /**
   * Under the lock: reads the file again if another process wrote it since we did. Its UIDs win (it
   * gave them out); N never goes below ours, so no UID we gave is given again.
   */
  Refresh refresh() throws IOException {
    if (Objects.equals(Stamp.of(file), stamp)) {
      return Refresh.SAME;
    }
    long oldValidity = validity;
    long oldNext = next;
    if (!read()) {
      // missing or unreadable now: ours stand, and the next write is of the whole list
      torn = true;
      return Refresh.SAME;
    }
    if (validity != oldValidity) {
      removedHere.clear();
      return Refresh.RECREATED;
    }
    next = Math.max(next, oldNext);
    byBase.keySet().removeAll(removedHere); // we deleted their files
    stale = removedHere.size();
    return Refresh.READ;
  }

  /** What {@link #refresh} found. */
  enum Refresh {
    /** Nobody else wrote the file. */
    SAME,
    /** Another process wrote it: its UIDs are ours now. */
    READ,
    /** Another process wrote it with another UIDVALIDITY: every UID we held is void. */
    RECREATED
  }

  private boolean parse(String content) {
    String[] lines = content.split("\n");
    if (lines.length == 0 || !lines[0].startsWith("3 ")) {
      return false;
    }
    for (String field : lines[0].substring(2).split(" ")) {
      if (field.isEmpty()) {
        continue;
      }
      String value = field.substring(1);
      try {
        switch (field.charAt(0)) {
          case 'V' -> validity = Long.parseLong(value);
          case 'N' -> next = Long.parseLong(value);
          case 'G' -> guid = value;
          default -> {} // other fields are Dovecot's, and optional
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (validity <= 0 || next <= 0) {
      return false;
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int space = line.indexOf(' ');
      int colon = line.indexOf(" :");
      if (space <= 0 || colon < 0) {
        continue;
      }
      try {
        long uid = Long.parseLong(line.substring(0, space));
        byBase.put(line.substring(colon + 2), uid);
        next = Math.max(next, uid + 1);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (guid == null) {
      guid = HexFormat.of().formatHex(new byte[16]);
    }
    return true;
  }

  long validity() {
    return validity;
  }

  long next() {
    return next;
  }

  Long uid(String base) {
    return byBase.get(base);
  }

  long assign(String base) {
    long uid = next++;
    byBase.put(base, uid);
    return uid;
  }

  /** Forgets a removed message; its line stays in the file until {@link #compactIfStale}. */
  void remove(String base) {
    if (byBase.remove(base) != null) {
      removedHere.add(base);
      stale++;
    }
  }

  /** Whether the lines of removed messages are as many as the live ones: time to rewrite. */
  boolean isStale() {
    return stale > Math.max(64, byBase.size());
  }

  Map<String, Long> entries() {
    return byBase;
  }

  /**
   * Under {@code lock}: records one new UID by appending its line, synced, in place as Dovecot
   * appends under its lock (readers take the highest UID + 1 over N); the lock stays held.
   */
  void append(long uid, String base, DotLock lock) throws IOException {
    if (torn || stamp == null || !Files.exists(file)) {
      save(lock);
      return;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap((uid + " :" + base + "\n").getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    }
    stamp = Stamp.of(file);
  }

  /** Under {@code lock}: writes the whole list into the lock file, renamed over the list. */
  void save(DotLock lock) throws IOException {
    stale = 0;
    removedHere.clear();
    StringBuilder b = new StringBuilder();
    b.append("3 V").append(validity).append(" N").append(next).append(" G").append(guid);
    b.append('\n');
    byBase.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(e -> b.append(e.getValue()).append(" :").append(e.getKey()).append('\n'));
    stamp = Stamp.of(lock.replace(b.toString().getBytes(StandardCharsets.UTF_8)));
    torn = false;
  }
}
