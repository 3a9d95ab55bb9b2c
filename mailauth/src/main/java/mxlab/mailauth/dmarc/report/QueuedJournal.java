package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mxlab.core.store.SyncBatcher;

/**
 * The reports of one claimed period that are done with: queued, or given up for good (over the
 * destination's size, nowhere to go), one report ID a line, fsynced before the next report is sent.
 * A restart sends only the others. A crash between the queue taking a report and its line here
 * sends that one report again, under the same ID and Message-ID, for the receiver to recognise: a
 * report is never lost to a crash, and twice only in that window.
 */
record QueuedJournal(Path file) {
  static final String SUFFIX = ".queued";

  /** The report IDs written in full (a line cut short by a crash is not one). */
  Set<String> done() throws IOException {
    Set<String> out = new HashSet<>();
    if (!Files.exists(file)) {
      return out;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    if (end > 0) {
      out.addAll(List.of(text.substring(0, end).split("\n")));
    }
    return out;
  }

  void add(String reportId, SyncBatcher syncs) throws IOException {
    boolean created = RowFile.append(file, reportId);
    syncs.syncDirectories(created ? List.of(file, file.getParent()) : List.of(file));
  }
}
