package mxlab.mailauth.dmarc.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ended period's rows, taken aside as {@code BEGIN-END.NONCE.claimed} to be reported, with the
 * journal of the reports already queued from them beside it.
 */
record ClaimedRows(Path file, RowStore.Period period, String nonce) {
  static final String SUFFIX = ".claimed";
  private static final Pattern NAME =
      Pattern.compile("(\\d{1,12}-\\d{1,12})\\.([0-9a-f]{16})" + Pattern.quote(SUFFIX));

  static Optional<ClaimedRows> of(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ClaimedRows(file, RowStore.Period.parse(m.group(1)), m.group(2)));
  }

  List<ReportRow> rows() throws IOException {
    return RowFile.read(file);
  }

  QueuedJournal journal() {
    String name = file.getFileName().toString();
    return new QueuedJournal(
        file.resolveSibling(
            name.substring(0, name.length() - SUFFIX.length()) + QueuedJournal.SUFFIX));
  }

  /**
   * The report ID for one policy domain and destination: the same each time these rows are
   * reported, so a report sent again after a crash is one a receiver can recognise, and another
   * claim's (another nonce) never has it. The period's begin first, as receivers sort by it.
   */
  String reportId(String policyDomain, String destination) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (nonce + " " + policyDomain + " " + destination)
                      .getBytes(StandardCharsets.UTF_8));
      return period.begin().getEpochSecond() + "." + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
