package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mxlab.core.store.PrivateFiles;

/**
 * The rows of each report period under {@code data_dir/dmarc}, one file per period named {@code
 * BEGIN-END.rows} (seconds since the epoch), 0600, appended to per message: a restart loses no
 * period, and a period whose end has passed is reported at the next look, even after the spec's
 * interval changed.
 */
final class RowStore {
  private static final String SUFFIX = ".rows";

  private final Path dir;

  RowStore(Path dataDir) {
    this.dir = dataDir.resolve("dmarc");
  }

  /** A report period, [begin, end). */
  record Period(Instant begin, Instant end) {
    String fileName() {
      return begin.getEpochSecond() + "-" + end.getEpochSecond() + SUFFIX;
    }

    static Optional<Period> of(String fileName) {
      if (!fileName.matches("\\d{1,12}-\\d{1,12}" + "\\.rows")) {
        return Optional.empty();
      }
      String[] be = fileName.substring(0, fileName.length() - SUFFIX.length()).split("-");
      return Optional.of(
          new Period(
              Instant.ofEpochSecond(Long.parseLong(be[0])),
              Instant.ofEpochSecond(Long.parseLong(be[1]))));
    }
  }

  /**
   * Adds a row to the period holding {@code at}: periods are aligned on multiples of {@code
   * interval} since the epoch, so a daily report runs from midnight UTC (RFC 7489 7.2). Taking the
   * time under the store's lock means a row never lands in a period already reported.
   */
  synchronized void append(java.time.Clock clock, java.time.Duration interval, ReportRow row)
      throws IOException {
    long seconds = interval.getSeconds();
    long now = clock.instant().getEpochSecond();
    long begin = now - Math.floorMod(now, seconds);
    Period period =
        new Period(Instant.ofEpochSecond(begin), Instant.ofEpochSecond(begin + seconds));
    PrivateFiles.createDirectories(dir);
    byte[] line = (row.line() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        PrivateFiles.create(
            dir.resolve(period.fileName()),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }
  }

  /** The periods that ended by the clock's now, oldest first. */
  synchronized List<Period> ended(java.time.Clock clock) throws IOException {
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

  synchronized List<ReportRow> rows(Period period) throws IOException {
    Path f = dir.resolve(period.fileName());
    if (!Files.exists(f)) {
      return List.of();
    }
    List<ReportRow> out = new ArrayList<>();
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      ReportRow.parse(line).ifPresent(out::add);
    }
    return out;
  }

  synchronized void remove(Period period) throws IOException {
    Files.deleteIfExists(dir.resolve(period.fileName()));
  }
}
