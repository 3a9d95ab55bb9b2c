package mxlab.mailauth.dmarc;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mxlab.mailauth.dkim.TagList;

/**
 * A DMARC policy record (RFC 7489 6.3): p, sp, adkim, aspf, pct, and for aggregate reports rua, ri
 * and fo; ruf is read past (mxlab sends no failure reports).
 *
 * @param subdomainPolicy sp=, or p= when absent
 * @param rua the rua= URIs as written, in order (RFC 7489 6.4: comma-separated), or none
 * @param fo the fo= value, "0" when absent
 * @param reportInterval ri=, the aggregate report interval asked for, or empty when absent (or not
 *     a positive 32-bit number: a request we cannot read is no request, the policy still holds)
 */
public record DmarcRecord(
    Policy policy,
    Policy subdomainPolicy,
    boolean strictDkim,
    boolean strictSpf,
    int pct,
    List<String> rua,
    String fo,
    Optional<Duration> reportInterval) {
  public DmarcRecord {
    rua = List.copyOf(rua);
  }

  /** The p= and sp= values. */
  public enum Policy {
    NONE,
    QUARANTINE,
    REJECT;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Policy of(String text) {
      for (Policy p : values()) {
        if (p.keyword().equalsIgnoreCase(text)) {
          return p;
        }
      }
      return null;
    }

    /** The next gentler policy, for messages pct= leaves out (6.6.4). */
    Policy gentler() {
      return this == REJECT ? QUARANTINE : NONE;
    }
  }

  /** The record, or empty when the text is not a valid DMARC record (it is then ignored). */
  public static Optional<DmarcRecord> parse(String text) {
    if (!text.strip().startsWith("v=DMARC1")) {
      return Optional.empty();
    }
    Optional<TagList> parsed = TagList.parse(text);
    if (parsed.isEmpty() || !"DMARC1".equals(parsed.get().get("v"))) {
      return Optional.empty();
    }
    TagList t = parsed.get();
    Policy p = t.get("p") == null ? null : Policy.of(t.get("p"));
    if (p == null) {
      return Optional.empty();
    }
    Policy sp = t.get("sp") == null ? p : Policy.of(t.get("sp"));
    String adkim = t.get("adkim", "r");
    String aspf = t.get("aspf", "r");
    String pctText = t.get("pct", "100");
    if (sp == null
        || !adkim.matches("[rs]")
        || !aspf.matches("[rs]")
        || !pctText.matches("\\d{1,3}")
        || Integer.parseInt(pctText) > 100) {
      return Optional.empty();
    }
    String ruaText = t.get("rua", "");
    List<String> rua =
        Arrays.stream(ruaText.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
    return Optional.of(
        new DmarcRecord(
            p,
            sp,
            adkim.equals("s"),
            aspf.equals("s"),
            Integer.parseInt(pctText),
            rua,
            t.get("fo", "0"),
            reportInterval(t.get("ri", ""))));
  }

  /** ri= (6.3): seconds, a 32-bit unsigned integer. */
  private static Optional<Duration> reportInterval(String text) {
    if (!text.matches("\\d{1,10}")) {
      return Optional.empty();
    }
    long seconds = Long.parseLong(text);
    return seconds > 0 && seconds <= 0xFFFF_FFFFL
        ? Optional.of(Duration.ofSeconds(seconds))
        : Optional.empty();
  }
}
