package mxlab.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import mxlab.core.store.PrivateFiles;

/**
 * A folder's permanent UIDs, in Dovecot's {@code dovecot-uidlist} (version 3): a header {@code 3
 * V<uidvalidity> N<uidnext> G<guid>}, then one {@code <uid> :<base name>} line a message, so a
 * Dovecot pointed at the same Maildir serves the same UIDs. A file it cannot read starts a new
 * UIDVALIDITY (RFC 3501 2.3.1.1: clients then refetch rather than see wrong messages).
 */
final class UidList {
  static final String FILE = "dovecot-uidlist";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private long validity;
  private long next;
  private String guid;
  private final Map<String, Long> byBase = new LinkedHashMap<>();
  private int stale; // lines in the file for messages removed since it was written

  private UidList(Path file) {
    this.file = file;
  }

  static UidList load(Path dir, long newValidity) throws IOException {
    UidList u = new UidList(dir.resolve(FILE));
    try {
      if (u.parse(Files.readString(u.file, StandardCharsets.UTF_8))) {
        return u;
      }
    } catch (NoSuchFileException e) {
      // a folder never opened before
    }
    u.byBase.clear();
    u.validity = newValidity;
    u.next = 1;
    byte[] g = new byte[16];
    RANDOM.nextBytes(g);
    u.guid = HexFormat.of().formatHex(g);
    return u;
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
      stale++;
    }
  }

  /** Rewrites the file once the lines of removed messages are as many as the live ones. */
  void compactIfStale() throws IOException {
    if (stale > Math.max(64, byBase.size())) {
      save();
    }
  }

  Map<String, Long> entries() {
    return byBase;
  }

  /** Records one new UID by appending its line; readers take the highest UID + 1 over N. */
  void append(long uid, String base) throws IOException {
    if (!Files.exists(file)) {
      save();
      return;
    }
    Files.writeString(
        file, uid + " :" + base + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  void save() throws IOException {
    stale = 0;
    StringBuilder b = new StringBuilder();
    b.append("3 V").append(validity).append(" N").append(next).append(" G").append(guid);
    b.append('\n');
    byBase.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(e -> b.append(e.getValue()).append(" :").append(e.getKey()).append('\n'));
    PrivateFiles.replace(file, b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
