package mxlab.mailauth.dmarc;

import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import mxlab.mailauth.MailDns;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.spf.SpfResult;

/**
 * DMARC (RFC 7489): the policy of the From domain, or of its organizational domain (6.6.3); a pass
 * when an SPF pass for the MAIL FROM domain or a DKIM pass is aligned with From (3.1), relaxed or
 * strict as the record says; pct= samples which failing messages the policy applies to.
 */
public final class DmarcEvaluator {
  private final MailDns dns;
  private final IntSupplier percentile;

  /**
   * @param percentile a number from 0 to 99 per message: a message is under the policy when it is
   *     below pct= (random in service; fixed in tests)
   */
  public DmarcEvaluator(MailDns dns, IntSupplier percentile) {
    this.dns = dns;
    this.percentile = percentile;
  }

  /**
   * @param fromDomain the From domain, or null when the message does not have exactly one
   * @param mailFromDomain the domain SPF checked (MAIL FROM's, or HELO's for {@code <>})
   */
  public DmarcResult evaluate(
      String fromDomain, List<DkimResult> dkim, SpfResult spf, String mailFromDomain) {
    if (fromDomain == null) {
      return new DmarcResult(DmarcResult.Verdict.PERMERROR, null, null, null);
    }
    String org = OrganizationalDomain.of(fromDomain);
    Optional<DmarcRecord> record;
    boolean subdomain = false;
    try {
      record = lookup(fromDomain);
      if (record.isEmpty() && !org.equals(fromDomain)) {
        record = lookup(org);
        subdomain = true;
      }
    } catch (MailDns.DnsFailure e) {
      return new DmarcResult(DmarcResult.Verdict.TEMPERROR, fromDomain, null, null);
    }
    if (record.isEmpty()) {
      return new DmarcResult(DmarcResult.Verdict.NONE, fromDomain, null, null);
    }
    DmarcRecord r = record.get();
    DmarcRecord.Policy policy = subdomain ? r.subdomainPolicy() : r.policy();
    boolean dkimAligned =
        dkim.stream()
            .anyMatch(d -> d.passed() && aligned(d.domain(), fromDomain, org, r.strictDkim()));
    boolean spfAligned =
        spf.verdict() == SpfResult.Verdict.PASS
            && mailFromDomain != null
            && aligned(
                mailFromDomain.toLowerCase(java.util.Locale.ROOT), fromDomain, org, r.strictSpf());
    String policyDomain = subdomain ? org : fromDomain;
    if (dkimAligned || spfAligned) {
      return new DmarcResult(
          DmarcResult.Verdict.PASS,
          fromDomain,
          policy,
          DmarcRecord.Policy.NONE,
          policyDomain,
          r,
          dkimAligned,
          spfAligned);
    }
    DmarcRecord.Policy disposition = percentile.getAsInt() < r.pct() ? policy : policy.gentler();
    return new DmarcResult(
        DmarcResult.Verdict.FAIL, fromDomain, policy, disposition, policyDomain, r, false, false);
  }

  private static boolean aligned(String domain, String from, String fromOrg, boolean strict) {
    return strict ? domain.equals(from) : OrganizationalDomain.of(domain).equals(fromOrg);
  }

  /** 6.6.3: the one valid DMARC record at _dmarc.DOMAIN; several count as none. */
  private Optional<DmarcRecord> lookup(String domain) throws MailDns.DnsFailure {
    List<DmarcRecord> found =
        dns.txt("_dmarc." + domain).stream()
            .map(DmarcRecord::parse)
            .flatMap(Optional::stream)
            .toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
