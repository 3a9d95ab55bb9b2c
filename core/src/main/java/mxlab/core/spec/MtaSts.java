package mxlab.core.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A domain's MTA-STS policy (RFC 8461) and TLS reporting address (RFC 8460), both optional.
 *
 * @param mode testing (senders report but deliver anyway), enforce, none (withdrawn), or empty for
 *     no policy (TLS reports only)
 * @param tlsRpt where TLS reports go ({@code mailto:...} or {@code https://...}), or empty
 */
public record MtaSts(String mode, Duration maxAge, String tlsRpt) {
  public static final List<String> MODES = List.of("testing", "enforce", "none");

  /** RFC 8461 3.2: max_age is at most 31557600 seconds (a Julian year). */
  public static final Duration MAX_AGE_LIMIT = Duration.ofSeconds(31_557_600);

  public boolean hasPolicy() {
    return !mode.isEmpty();
  }

  /** The policy file (RFC 8461 3.2): CRLF lines, every MX host of the domain. */
  public String policy(Domain d) {
    StringBuilder b = new StringBuilder("version: STSv1\r\nmode: ").append(mode).append("\r\n");
    for (Mx mx : d.mx()) {
      b.append("mx: ").append(mx.host().toLowerCase(Locale.ROOT)).append("\r\n");
    }
    return b.append("max_age: ").append(maxAge.toSeconds()).append("\r\n").toString();
  }

  /** The policy's id for the _mta-sts TXT record: it changes exactly when the policy does. */
  public String id(Domain d) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(policy(d).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
