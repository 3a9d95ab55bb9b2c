package mxlab.core.spec.read;

import java.util.Locale;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problems;

/**
 * How big a spec may be. A classroom of a hundred domains is a few hundred kilobytes; megabytes, or
 * a line of many kilobytes, mean the wrong file or a hostile one, and the YAML parser would spend
 * minutes and gigabytes on them. Both are refused before parsing, with where and what to do.
 */
final class SpecLimits {
  static final int MAX_BYTES = 4 * 1024 * 1024;
  static final int MAX_LINE = 16 * 1024;

  /** Nesting a spec never needs; deeper input is refused by the parser. */
  static final int MAX_DEPTH = 64;

  private SpecLimits() {}

  /** Reports a file of {@code bytes} octets that is over the limit; true if it is. */
  static boolean tooBig(String file, long bytes, Problems problems) {
    if (bytes <= MAX_BYTES) {
      return false;
    }
    problems.error(
        Location.of(file),
        String.format(
            Locale.ROOT,
            "the spec is %.1f MiB; a spec may be at most %d MiB",
            bytes / 1048576.0,
            MAX_BYTES >> 20),
        "check that this is the spec you meant; split a bigger site into several specs");
    return true;
  }

  /** Reports the first line longer than {@link #MAX_LINE}; true if there is one. */
  static boolean lineTooLong(String file, String text, Problems problems) {
    int line = 1;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      if (end - start > MAX_LINE) {
        problems.error(
            new Location(file, line, MAX_LINE + 1),
            "line "
                + line
                + " is "
                + (end - start)
                + " characters long; lines may be at most "
                + MAX_LINE,
            "break the value over several lines (a YAML list, or 'key: >' with indented lines),"
                + " or check that this is the spec you meant");
        return true;
      }
      line++;
      start = end + 1;
    }
    return false;
  }
}
