package mxlab.core.spec;

import java.time.Duration;
import java.util.Locale;

/**
 * What the server does with the SPF, DKIM and DMARC results of mail from other servers, from {@code
 * server.mail_auth}.
 *
 * @param verify check SPF, DKIM and DMARC on port 25 and add Authentication-Results (RFC 8601)
 * @param enforceDmarc refuse mail whose DMARC policy says reject (550 5.7.1) and file in Junk what
 *     it says to quarantine, rather than only report the verdict
 * @param reports the DMARC aggregate reports (RFC 7489 7.2) sent to rua= addresses
 */
public record MailAuth(boolean verify, boolean enforceDmarc, DmarcReports reports) {
  public MailAuth(boolean verify, boolean enforceDmarc) {
    this(verify, enforceDmarc, DmarcReports.defaults());
  }

  public static MailAuth defaults() {
    return new MailAuth(true, false);
  }

  /**
   * {@code server.mail_auth.dmarc_reports}.
   *
   * @param enabled whether evaluated messages are recorded and reports sent
   * @param interval the report period (RFC 7489 6.3 ri=, whose default is a day)
   * @param from the reporting address, or null for {@code dmarc-reports@} the host name's domain
   */
  public record DmarcReports(boolean enabled, Duration interval, String from) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofDays(7);

    public static DmarcReports defaults() {
      return new DmarcReports(true, DEFAULT_INTERVAL, null);
    }

    public static DmarcReports off() {
      return new DmarcReports(false, DEFAULT_INTERVAL, null);
    }

    /**
     * The reporting address: {@code from}, or dmarc-reports@ the host name less its first label.
     */
    public String address(String hostname) {
      if (from != null) {
        return from;
      }
      String h = hostname.toLowerCase(Locale.ROOT);
      int dot = h.indexOf('.');
      // mail.north.lab reports as north.lab; a two-label host name is a domain of its own
      String domain = dot > 0 && h.indexOf('.', dot + 1) > 0 ? h.substring(dot + 1) : h;
      return "dmarc-reports@" + domain;
    }
  }
}
