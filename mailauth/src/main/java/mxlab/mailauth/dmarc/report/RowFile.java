package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import mxlab.core.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of report rows, a line each. A crash can leave the last line cut short (or, on some file
 * systems, zeros where it was): a line counts only once its newline is written, an unfinished tail
 * is cut off before the next append so it never joins the next row, and a reader skips what does
 * not parse with one log line, so one damaged row never costs the whole report.
 */
final class RowFile {
  private static final Logger log = LoggerFactory.getLogger(RowFile.class);
  private static final int SCAN = 4096;

  private RowFile() {}

  /** Appends {@code line} and its newline; whether the file was new (its name not yet synced). */
  static boolean append(Path file, String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        PrivateFiles.create(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long complete = completeLength(ch, size);
      if (complete < size) {
        log.warn(
            "dmarc: {}: dropping {} octets of a line a crash cut short",
            file.getFileName(),
            size - complete);
        ch.truncate(complete);
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long at = complete;
      while (b.hasRemaining()) {
        at += ch.write(b, at);
      }
      return size == 0;
    }
  }

  /** The length up to and with the last newline. */
  private static long completeLength(FileChannel ch, long size) throws IOException {
    long end = size;
    ByteBuffer b = ByteBuffer.allocate(SCAN);
    while (end > 0) {
      long start = Math.max(0, end - SCAN);
      b.clear().limit((int) (end - start));
      while (b.hasRemaining() && ch.read(b, start + b.position()) >= 0) {}
      for (int i = b.position() - 1; i >= 0; i--) {
        if (b.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
  }

  /** The rows that parse; the rest (a torn or garbled line) skipped and logged once. */
  static List<ReportRow> read(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    List<ReportRow> out = new ArrayList<>();
    int damaged = 0;
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      String line = text.substring(start, nl);
      start = nl + 1;
      if (ReportRow.parse(line).map(out::add).isEmpty()) {
        damaged++;
      }
    }
    if (start < text.length()) {
      damaged++; // no newline: a write the crash interrupted
    }
    if (damaged > 0) {
      log.warn(
          "dmarc: {}: skipped {} damaged row(s), writes a crash cut short; reporting the other {}",
          file.getFileName(),
          damaged,
          out.size());
    }
    return out;
  }
}
