package mxlab.core.spec;

import java.time.Duration;

/**
 * The outbound queue: sendmail's Timeout.queuewarn / queuereturn and Postfix's backoff.
 *
 * @param perDestination how many deliveries to one domain may run at once
 */
public record QueueSettings(
    Duration warnAfter,
    Duration returnAfter,
    Duration minBackoff,
    Duration maxBackoff,
    int perDestination) {

  public static QueueSettings defaults() {
    return new QueueSettings(
        Duration.ofHours(4),
        Duration.ofDays(5),
        Duration.ofMinutes(5),
        Duration.ofSeconds(4000),
        4);
  }
}
