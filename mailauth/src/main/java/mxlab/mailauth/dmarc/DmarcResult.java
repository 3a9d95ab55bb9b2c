package mxlab.mailauth.dmarc;

import java.util.Locale;

/**
 * The DMARC verdict on a message (RFC 7489 6.6, keywords of RFC 8601 2.7.1 / RFC 7489 11.2).
 *
 * @param fromDomain the RFC5322.From domain, or null when there is not exactly one
 * @param policy the published policy that applied (p= or sp=), or null without a record
 * @param disposition what the policy asks for this message, after pct=
 */
public record DmarcResult(
    Verdict verdict, String fromDomain, DmarcRecord.Policy policy, DmarcRecord.Policy disposition) {
  /** The dmarc= result keywords. */
  public enum Verdict {
    NONE,
    PASS,
    FAIL,
    TEMPERROR,
    PERMERROR;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean rejects() {
    return disposition == DmarcRecord.Policy.REJECT;
  }
}
