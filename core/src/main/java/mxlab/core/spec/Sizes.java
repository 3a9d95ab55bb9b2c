package mxlab.core.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes: {@code 1000000}, {@code 1MB} (10^6, as sendmail's MaxMessageSize=1000000 means),
 * {@code 10MiB} (2^20 each), {@code 500kB}.
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,15})\\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  public static Optional<Long> parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase();
    long factor =
        switch (unit) {
          case "kb", "k" -> 1_000L;
          case "kib" -> 1L << 10;
          case "mb", "m" -> 1_000_000L;
          case "mib" -> 1L << 20;
          case "gb", "g" -> 1_000_000_000L;
          case "gib" -> 1L << 30;
          default -> 1L;
        };
    if (n > Long.MAX_VALUE / factor) {
      return Optional.empty();
    }
    return Optional.of(n * factor);
  }
}
