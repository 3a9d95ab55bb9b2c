package mxlab.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading one Maildir: its messages in arrival order, marking them seen, removing them. */
public final class MaildirFolder {
  private static final Pattern CRLF_SIZE = Pattern.compile(",W=(\\d+)");
  private static final Pattern TIME = Pattern.compile("^(\\d+)\\.");

  /** RFC 1939 7: a unique-id is 1 to 70 printable characters. */
  private static final int MAX_UID = 70;

  private final Path dir;

  public MaildirFolder(Path dir) {
    this.dir = dir;
  }

  /** Every message in new/ and cur/, oldest first; an absent mailbox is empty. */
  public List<StoredMessage> messages() throws IOException {
    List<StoredMessage> out = new ArrayList<>();
    for (String sub : new String[] {"cur", "new"}) {
      Path d = dir.resolve(sub);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          if (name.startsWith(".")) {
            continue;
          }
          try {
            out.add(new StoredMessage(f, uid(name), crlfSize(f, name)));
          } catch (NoSuchFileException e) {
            // moved or removed by someone else while we looked
          }
        }
      }
    }
    out.sort(
        Comparator.comparingLong((StoredMessage m) -> time(m.uid()))
            .thenComparing(StoredMessage::uid));
    return out;
  }

  /** Moves a message from new/ to cur/ with the Seen flag (Maildir "2,S"); returns its new path. */
  public Path markSeen(StoredMessage message) throws IOException {
    if (!message.isNew()) {
      return message.path();
    }
    Path target = dir.resolve("cur").resolve(message.path().getFileName() + ":2,S");
    Files.move(message.path(), target);
    return target;
  }

  /** Removes messages and makes the removal durable; returns how many could not be removed. */
  public int remove(List<Path> paths) throws IOException {
    int failed = 0;
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : paths) {
      try {
        Files.deleteIfExists(p);
        dirs.add(p.getParent());
      } catch (IOException e) {
        failed++;
      }
    }
    for (Path d : dirs) {
      SyncBatcher.fsync(d);
    }
    return failed;
  }

  /** The base name without flags (":2,S") or size fields; hashed if too long for UIDL. */
  static String uid(String fileName) {
    String base = fileName;
    int colon = base.indexOf(':');
    if (colon >= 0) {
      base = base.substring(0, colon);
    }
    int comma = base.indexOf(',');
    if (comma > 0) {
      base = base.substring(0, comma);
    }
    boolean printable = base.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    if (base.length() <= MAX_UID && printable && !base.isEmpty()) {
      return base;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(base.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** From the W= our names carry, or counted for messages others put here. */
  private static long crlfSize(Path file, String name) throws IOException {
    Matcher m = CRLF_SIZE.matcher(name);
    if (m.find()) {
      return Long.parseLong(m.group(1));
    }
    return MessageRendering.crlfSize(Files.readAllBytes(file));
  }

  private static long time(String uid) {
    Matcher m = TIME.matcher(uid);
    return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }
}
