package mxlab.mailauth.spf;

import java.util.Locale;

/**
 * The outcome of check_host() (RFC 7208 2.6).
 *
 * @param explanation for a fail, the domain's exp= text or a default, else empty
 */
public record SpfResult(Verdict verdict, String explanation) {
  /** RFC 7208 2.6's results. */
  public enum Verdict {
    NONE,
    NEUTRAL,
    PASS,
    FAIL,
    SOFTFAIL,
    TEMPERROR,
    PERMERROR;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static SpfResult of(Verdict v) {
    return new SpfResult(v, "");
  }
}
