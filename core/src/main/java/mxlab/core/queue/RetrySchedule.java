package mxlab.core.queue;

import java.time.Duration;
import java.time.Instant;
import mxlab.core.spec.QueueSettings;

/**
 * When to try again, as Postfix does: after min_backoff, doubling with every failed attempt, up to
 * max_backoff (5 minutes doubling to ~67 minutes by default); and when to warn and give up.
 */
public final class RetrySchedule {
  private final QueueSettings settings;

  public RetrySchedule(QueueSettings settings) {
    this.settings = settings;
  }

  /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
  public Duration backoff(int attempts) {
    Duration d = settings.minBackoff();
    for (int i = 1; i < attempts && d.compareTo(settings.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  public Instant nextAttempt(Instant now, int attempts) {
    return now.plus(backoff(attempts));
  }

  /** Whether a delay notice is due: once, after warn_after. */
  public boolean shouldWarn(Envelope e, Instant now) {
    return !e.warned() && !now.isBefore(e.arrival().plus(settings.warnAfter()));
  }

  /** Whether the message has been queued for return_after: its pending recipients bounce. */
  public boolean expired(Envelope e, Instant now) {
    return !now.isBefore(e.arrival().plus(settings.returnAfter()));
  }

  public QueueSettings settings() {
    return settings;
  }
}
