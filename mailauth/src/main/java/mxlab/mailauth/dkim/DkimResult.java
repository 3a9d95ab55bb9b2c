package mxlab.mailauth.dkim;

/**
 * The verdict on one DKIM-Signature (RFC 8601 2.7.1).
 *
 * @param domain the d= tag, or null when the field could not be read
 * @param b the start of the b= tag, telling signatures apart in Authentication-Results (RFC 6008)
 * @param reason why it is not a pass, or empty
 */
public record DkimResult(
    Verdict verdict, String domain, String selector, String algorithm, String b, String reason) {
  /** The result keywords of RFC 8601 2.7.1. */
  public enum Verdict {
    NONE,
    PASS,
    FAIL,
    NEUTRAL,
    TEMPERROR,
    PERMERROR;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean passed() {
    return verdict == Verdict.PASS;
  }
}
