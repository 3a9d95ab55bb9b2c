package mxlab.mailauth.dmarc;

import java.util.Locale;

/**
 * The DMARC verdict on a message (RFC 7489 6.6, keywords of RFC 8601 2.7.1 / RFC 7489 11.2).
 *
 * @param fromDomain the RFC5322.From domain, or null when there is not exactly one
 * @param policy the published policy that applied (p= or sp=), or null without a record
 * @param disposition what the policy asks for this message, after pct=
 * @param policyDomain where the record was found: the From domain or its organizational domain
 * @param record the record found, or null
 * @param dkimAligned whether a DKIM pass was aligned with From (for aggregate reports)
 * @param spfAligned whether the SPF pass was aligned with From
 */
public record DmarcResult(
    Verdict verdict,
    String fromDomain,
    DmarcRecord.Policy policy,
    DmarcRecord.Policy disposition,
    String policyDomain,
    DmarcRecord record,
    boolean dkimAligned,
    boolean spfAligned) {
  /** A result without a record to report on. */
  public DmarcResult(
      Verdict verdict,
      String fromDomain,
      DmarcRecord.Policy policy,
      DmarcRecord.Policy disposition) {
    this(verdict, fromDomain, policy, disposition, null, null, false, false);
  }

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

  /** Whether the policy, after pct= (and sp= for a subdomain), says quarantine (6.6.4). */
  public boolean quarantines() {
    return disposition == DmarcRecord.Policy.QUARANTINE;
  }

  /** Whether pct= left this failing message out of its policy (6.6.4: the next gentler one). */
  public boolean sampledOut() {
    return verdict == Verdict.FAIL && policy != disposition;
  }
}
