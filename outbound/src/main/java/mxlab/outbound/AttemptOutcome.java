package mxlab.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.RetrySchedule;
import mxlab.core.reply.SmtpReply;

/**
 * What one delivery attempt makes of an envelope: a pure function of the envelope, the attempt's
 * results and the time, so the queue's rules (backoff, expiry after return_after, one delay notice
 * after warn_after, bounces) are decided in one place and tested without a clock or a network.
 *
 * @param after the envelope to keep in the queue, unless {@link #done()}
 * @param reported the envelope as the notices describe it (this attempt counted)
 * @param changed recipients this attempt tried or changed, for the maillog
 * @param bounced recipients that failed for good in this attempt: the sender gets a bounce
 * @param delayed pending recipients a delay notice names; empty when none is due
 * @param retryUntil when the message will be returned, for the delay notice
 * @param next when to look at the message again
 */
record AttemptOutcome(
    Envelope after,
    Envelope reported,
    List<Envelope.Recipient> changed,
    List<Envelope.Recipient> bounced,
    List<Envelope.Recipient> delayed,
    Instant retryUntil,
    Instant next) {

  /** A destination at its concurrency limit is tried again this soon, not after a backoff. */
  static final Duration BUSY_RETRY = Duration.ofSeconds(2);

  /**
   * @param results what the attempt did, by recipient address; recipients without one were not
   *     tried (their destination was busy)
   * @param added recipients the attempt found (a forward of a recipient that turned out local)
   * @param busy whether a destination was skipped for its concurrency limit
   */
  static AttemptOutcome of(
      Envelope envelope,
      Map<String, RecipientResult> results,
      List<String> added,
      boolean busy,
      RetrySchedule schedule,
      Instant now) {
    List<Envelope.Recipient> updated = new ArrayList<>();
    List<Envelope.Recipient> changed = new ArrayList<>();
    List<Envelope.Recipient> bounced = new ArrayList<>();
    boolean expired = schedule.expired(envelope, now);
    for (Envelope.Recipient r : envelope.recipients()) {
      RecipientResult res = results.get(r.address());
      Envelope.Recipient u = res == null ? r : r.withResult(res.status(), res.mta(), res.reply());
      if (u.status() == Envelope.Status.PENDING && expired) {
        u =
            u.withResult(
                Envelope.Status.FAILED,
                u.mta(),
                SmtpReply.of(
                    451,
                    "4.4.7",
                    "delivery time expired; the last attempt said: " + u.diagnostic()));
      }
      if (r.status() == Envelope.Status.PENDING && u.status() == Envelope.Status.FAILED) {
        bounced.add(u);
      }
      if (res != null || u != r) {
        changed.add(u);
      }
      updated.add(u);
    }
    added.forEach(a -> updated.add(Envelope.Recipient.pending(a)));
    Envelope attempted = envelope.withRecipients(updated);
    Instant retry =
        busy ? now.plus(BUSY_RETRY) : schedule.nextAttempt(now, attempted.attempts() + 1);
    // Nothing tried (every destination busy) is not an attempt: it does not count for the backoff.
    Envelope reported =
        results.isEmpty() ? attempted.withNextAttempt(retry) : attempted.afterAttempt(now, retry);
    boolean warn = !reported.pending().isEmpty() && schedule.shouldWarn(reported, now);
    return new AttemptOutcome(
        warn ? reported.warnedNow() : reported,
        reported,
        changed,
        bounced,
        warn ? reported.pending() : List.of(),
        reported.arrival().plus(schedule.settings().returnAfter()),
        added.isEmpty() ? retry : now);
  }

  /** Every recipient is finished: the message leaves the queue. */
  boolean done() {
    return after.pending().isEmpty();
  }
}
