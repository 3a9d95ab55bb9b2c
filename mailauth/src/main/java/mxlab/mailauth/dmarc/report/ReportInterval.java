package mxlab.mailauth.dmarc.report;

import java.time.Duration;
import java.util.Optional;

/**
 * How often one policy domain is reported. RFC 7489 6.3 reads ri= as a request for reports "no more
 * than" ri apart, met on a best-effort basis beyond the daily report every receiver must manage;
 * large reporters send daily whatever ri says. So, as they do:
 *
 * <ul>
 *   <li>never more often than our own interval: that is what the operator chose to spend on
 *       reports, and an ri= under it (hourly) is the best-effort case we decline;
 *   <li>a longer ri= is honoured, as it asks for fewer reports, up to a day: a receiver reports at
 *       least daily (7.2), unless our own interval is longer still;
 *   <li>no ri= leaves our interval: its RFC default, a day, is ours by default, and a lab's short
 *       interval should not be stretched by every record that leaves ri out.
 * </ul>
 */
final class ReportInterval {
  private static final Duration DAY = Duration.ofDays(1);

  private ReportInterval() {}

  static Duration of(Duration ours, Optional<Duration> requested) {
    if (requested.isEmpty() || requested.get().compareTo(ours) <= 0) {
      return ours;
    }
    Duration ceiling = ours.compareTo(DAY) > 0 ? ours : DAY;
    return requested.get().compareTo(ceiling) < 0 ? requested.get() : ceiling;
  }
}
