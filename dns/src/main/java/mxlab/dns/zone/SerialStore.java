package mxlab.dns.zone;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import mxlab.core.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOA serials in the YYYYMMDDnn convention that change only when a zone's content does. The last
 * serial and a digest of the content it was given for are kept per zone in the data directory, so
 * secondaries see a new serial exactly when there is something new to transfer.
 */
public final class SerialStore {
  private static final Logger log = LoggerFactory.getLogger(SerialStore.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** A serial (RFC 1035 3.3.13: 32 bits) and the digest of the content it was given for. */
  private static final Pattern ENTRY = Pattern.compile("\\d{1,10} \\S+");

  private final Path file;
  private final Map<String, String> entries = new TreeMap<>();
  private final LocalDate today;

  /** Whether there is something to save: a start with unchanged zones writes nothing. */
  private boolean changed;

  private SerialStore(Path file, LocalDate today) {
    this.file = file;
    this.today = today;
  }

  /**
   * Reads the store at {@code file}, if there is one; {@code null} keeps it in memory only. A file
   * that is empty, truncated or damaged (a crash, a full disk) never stops a start: what can be
   * read is kept, the rest recomputed, and one line says so.
   */
  public static SerialStore open(Path file, LocalDate today) throws IOException {
    SerialStore store = new SerialStore(file, today);
    if (file != null && Files.exists(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        log.warn("dns: cannot read {} ({}); zone serials are recomputed", file, e.toString());
        p.clear();
      }
      List<String> damaged = new ArrayList<>();
      for (String zone : p.stringPropertyNames()) {
        String value = p.getProperty(zone).trim();
        if (ENTRY.matcher(value).matches()) {
          store.entries.put(zone, value);
        } else {
          damaged.add(zone);
        }
      }
      if (!damaged.isEmpty()) {
        log.warn("dns: damaged serials in {} for {}; recomputed", file, damaged);
        store.changed = true;
      }
    }
    return store;
  }

  public static SerialStore inMemory() {
    try {
      return open(null, LocalDate.now(ZoneOffset.UTC));
    } catch (IOException e) {
      throw new IllegalStateException(e); // no file, no I/O
    }
  }

  /** The serial for {@code zone} with content {@code digest}: the old one if nothing changed. */
  public synchronized long serial(String zone, String digest) {
    String previous = entries.get(zone);
    if (previous != null) {
      String[] parts = previous.split(" ", 2);
      long old = Long.parseLong(parts[0]);
      if (parts.length == 2 && parts[1].equals(digest)) {
        return old;
      }
      long next = Math.max(old + 1, firstOfToday());
      entries.put(zone, next + " " + digest);
      changed = true;
      return next;
    }
    long first = firstOfToday();
    entries.put(zone, first + " " + digest);
    changed = true;
    return first;
  }

  private long firstOfToday() {
    return Long.parseLong(today.format(DAY)) * 100;
  }

  /**
   * Writes the store back if it has a file and something changed: a temporary file, fsynced and
   * renamed over, so a failure (a full disk) leaves the previous file whole and no temporary one.
   */
  public synchronized void save() throws IOException {
    if (file == null || !changed) {
      return;
    }
    StringBuilder text =
        new StringBuilder(
            "# zone -> last SOA serial and the digest of the content it was given for\n");
    entries.forEach((zone, entry) -> text.append(zone).append('=').append(entry).append('\n'));
    PrivateFiles.createDirectories(file.getParent());
    PrivateFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
    changed = false;
  }
}
