package mxlab.mailauth.dmarc.report;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.address.MailAddress;

/**
 * A rua= destination (RFC 7489 6.2, 6.4): {@code mailto:ADDRESS}, optionally {@code !SIZE} with a
 * unit k, m, g or t (bytes without), the most the Domain Owner will take. Only mailto is supported,
 * as RFC 7489 7.2.1.1 requires; other schemes are skipped.
 *
 * @param maxSize the limit in octets, or {@link Long#MAX_VALUE} for none
 */
public record ReportUri(String address, String domain, long maxSize) {
  public static Optional<ReportUri> parse(String uri) {
    String u = uri.strip();
    if (!u.regionMatches(true, 0, "mailto:", 0, 7)) {
      return Optional.empty();
    }
    String rest = u.substring(7);
    long max = Long.MAX_VALUE;
    int bang = rest.lastIndexOf('!');
    if (bang >= 0) {
      Optional<Long> size = size(rest.substring(bang + 1));
      if (size.isEmpty()) {
        return Optional.empty();
      }
      max = size.get();
      rest = rest.substring(0, bang);
    }
    int query = rest.indexOf('?'); // mailto headers (RFC 6068) are not ours to use
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    long limit = max;
    return MailAddress.parse(decoded)
        .map(m -> new ReportUri(m.toString(), m.domain().toLowerCase(Locale.ROOT), limit));
  }

  /** {@code 10m}: RFC 7489 6.4's size, in units of 1024. */
  private static Optional<Long> size(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(\\d{1,12})([kmgt]?)", java.util.regex.Pattern.CASE_INSENSITIVE)
            .matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    long n = Long.parseLong(m.group(1));
    return Optional.of(n > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : n << shift);
  }
}
