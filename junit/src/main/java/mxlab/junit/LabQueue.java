package mxlab.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mxlab.core.queue.Envelope;
import mxlab.outbound.QueueAdmin;

/** The lab's outbound queue: mail waiting for other domains, as `mxlab queue` shows it. */
public final class LabQueue {
  /** One queued message and where each of its recipients stands. */
  public record Entry(
      String id,
      String sender,
      List<String> pending,
      int attempts,
      Instant nextAttempt,
      List<String> diagnostics) {
    public Entry {
      pending = List.copyOf(pending);
      diagnostics = List.copyOf(diagnostics);
    }

    static Entry of(Envelope e) {
      return new Entry(
          e.id(),
          e.sender(),
          e.pending().stream().map(Envelope.Recipient::address).toList(),
          e.attempts(),
          e.nextAttempt(),
          e.recipients().stream()
              .filter(r -> !r.diagnostic().isEmpty())
              .map(r -> r.address() + ": " + r.diagnostic())
              .toList());
    }

    @Override
    public String toString() {
      return id
          + " from <"
          + sender
          + "> pending "
          + pending
          + " after "
          + attempts
          + " attempts"
          + (diagnostics.isEmpty() ? "" : " " + diagnostics);
    }
  }

  private final QueueAdmin admin;
  private final Maillog maillog;

  LabQueue(QueueAdmin admin, Maillog maillog) {
    this.admin = admin;
    this.maillog = maillog;
  }

  public List<Entry> entries() {
    try {
      return admin.list().stream().map(Entry::of).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    return entries().size();
  }

  /** Every queued message due now (`mxlab queue flush`): retries without waiting for backoff. */
  public void flush() {
    try {
      admin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until some message was tried and waits for its next attempt (a 4xx, no answer), and
   * returns those messages.
   *
   * @throws AssertionError after {@code timeout}, with the queue and the maillog
   */
  public List<Entry> awaitDeferred(Duration timeout) {
    return Awaiting.atLeast(
        1,
        timeout,
        () -> entries().stream().filter(e -> e.attempts() > 0 && !e.pending().isEmpty()).toList(),
        none ->
            "no deferred message in the queue after "
                + timeout
                + "; queued:\n"
                + Awaiting.numbered(entries())
                + maillog);
  }

  /**
   * Waits until nothing is queued (delivered, or bounced).
   *
   * @throws AssertionError after {@code timeout}, with what is still queued and the maillog
   */
  public void awaitEmpty(Duration timeout) {
    Awaiting.until(
        timeout,
        this::entries,
        List::isEmpty,
        still ->
            "the queue is not empty after "
                + timeout
                + "; still queued:\n"
                + Awaiting.numbered(still)
                + maillog);
  }

  @Override
  public String toString() {
    return "queue:\n" + Awaiting.numbered(entries());
  }
}
