package mxlab.core.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as admins write them: {@code 30s}, {@code 5m}, {@code 4h}, {@code 5d}, {@code 1h30m}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /** Parses {@code text}, or empty if it is not a duration. A bare number means seconds. */
  public static Optional<Duration> parse(String text) {
    String s = text.trim().toLowerCase();
    if (s.matches("\\d{1,12}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end || m.group(1).length() > 9) {
        return Optional.empty();
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
      end = m.end();
    }
    return end == s.length() ? Optional.of(total) : Optional.empty();
  }

  /** The shortest way to write {@code d} back, as {@link #parse} reads it. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (d.toMillisPart() != 0 || s == 0) {
      return d.toMillis() + "ms";
    }
    for (long[] unit : new long[][] {{604800, 'w'}, {86400, 'd'}, {3600, 'h'}, {60, 'm'}}) {
      if (s % unit[0] == 0) {
        return s / unit[0] + String.valueOf((char) unit[1]);
      }
    }
    return s + "s";
  }
}
