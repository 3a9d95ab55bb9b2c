package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;

/**
 * The rows of each report period under {@code data_dir/dmarc}, one file per period named {@code
 * BEGIN-END.rows} (seconds since the epoch), 0600, appended to per message and fsynced before the
 * append returns: a restart or a crash loses no period, and a period whose end has passed is
 * reported at the next look, even after the spec's interval changed. Periods of different lengths
 * (a policy domain's ri=) are different files.
 *
 * <p>A period that has ended is claimed by renaming it to {@code BEGIN-END.NONCE.claimed} before
 * any report is built from it: from then on its rows are fixed, so a report built again after a
 * crash is the same report, and the nonce makes its report IDs unique to this claim.
 */
final class RowStore {
  private static final String SUFFIX = ".rows";

  private final Path dir;
  private final SyncBatcher syncs;
  private final SecureRandom random = new SecureRandom();

  RowStore(Path dataDir, SyncBatcher syncs) {
    this.dir = dataDir.resolve("dmarc");
    this.syncs = syncs;
  }

  /** A report period, [begin, end). */
  record Period(Instant begin, Instant end) {
    String fileName() {
      return name() + SUFFIX;
    }

    String name() {
      return begin.getEpochSecond() + "-" + end.getEpochSecond();
    }

    static Optional<Period> of(String fileName) {
      if (!fileName.matches("\\d{1,12}-\\d{1,12}" + "\\.rows")) {
        return Optional.empty();
      }
      return Optional.of(parse(fileName.substring(0, fileName.length() - SUFFIX.length())));
    }

    /** {@code BEGIN-END}. */
    static Period parse(String name) {
      String[] be = name.split("-");
      return new Period(
          Instant.ofEpochSecond(Long.parseLong(be[0])),
          Instant.ofEpochSecond(Long.parseLong(be[1])));
    }
  }

  /**
   * Adds a row to the period holding the clock's now: periods are aligned on multiples of {@code
   * interval} since the epoch, so a daily report runs from midnight UTC (RFC 7489 7.2). Taking the
   * time under the store's lock means a row never lands in a period already claimed. The fsync runs
   * outside the lock, in rounds that concurrent messages share.
   */
  void append(Clock clock, Duration interval, ReportRow row) throws IOException {
    Path file;
    boolean created;
    synchronized (this) {
      long seconds = interval.getSeconds();
      long now = clock.instant().getEpochSecond();
      long begin = now - Math.floorMod(now, seconds);
      Period period =
          new Period(Instant.ofEpochSecond(begin), Instant.ofEpochSecond(begin + seconds));
      PrivateFiles.createDirectories(dir);
      file = dir.resolve(period.fileName());
      created = RowFile.append(file, row.line());
    }
    try {
      // a new file's name is durable only once its directory is synced
      syncs.syncDirectories(created ? List.of(file, dir) : List.of(file));
    } catch (NoSuchFileException e) {
      // claimed meanwhile: the claim syncs the renamed file before reading it, this row included
    }
  }

  /** The periods that ended by the clock's now, oldest first. */
  synchronized List<Period> ended(Clock clock) throws IOException {
    Instant now = clock.instant();
    List<Period> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        Period.of(f.getFileName().toString())
            .filter(p -> !p.end().isAfter(now))
            .ifPresent(out::add);
      }
    }
    out.sort((a, b) -> a.begin().compareTo(b.begin()));
    return out;
  }

  /** Takes an ended period's rows aside, atomically and durably, to be reported. */
  ClaimedRows claim(Period period) throws IOException {
    Path claimed;
    synchronized (this) {
      String name = period.name() + "." + HexFormat.of().formatHex(nonce()) + ClaimedRows.SUFFIX;
      claimed = dir.resolve(name);
      Files.move(dir.resolve(period.fileName()), claimed, StandardCopyOption.ATOMIC_MOVE);
    }
    // the rows appended last may not be synced yet, and the rename must hold before any report
    // built from them is queued
    syncs.syncDirectories(List.of(claimed, dir));
    return ClaimedRows.of(claimed).orElseThrow();
  }

  private byte[] nonce() {
    byte[] b = new byte[8];
    random.nextBytes(b);
    return b;
  }

  /**
   * The claimed periods a crash or a failed send left, oldest first; a journal whose period is gone
   * (a crash between removing the two) is removed.
   */
  synchronized List<ClaimedRows> claimed() throws IOException {
    List<ClaimedRows> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> journals = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        ClaimedRows.of(f).ifPresent(out::add);
        if (f.getFileName().toString().endsWith(QueuedJournal.SUFFIX)) {
          journals.add(f);
        }
      }
    }
    Set<Path> kept = Set.copyOf(out.stream().map(c -> c.journal().file()).toList());
    for (Path j : journals) {
      if (!kept.contains(j)) {
        Files.deleteIfExists(j);
      }
    }
    out.sort((a, b) -> a.period().begin().compareTo(b.period().begin()));
    return out;
  }

  /** Removes a claimed period once each of its reports was queued (or given up on). */
  void remove(ClaimedRows c) throws IOException {
    Files.deleteIfExists(c.file());
    Files.deleteIfExists(c.journal().file());
    syncs.syncDirectories(List.of(dir));
  }
}
