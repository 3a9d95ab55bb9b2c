package mxlab.net;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * The point in the chain where a handler's own events join the client's bytes: a timer's
 * continuation (a delayed answer to a failed login) injected here reaches the handler in order with
 * everything already received, on the session's ordered executor.
 */
public final class SessionEvents extends IoFilterAdapter {
  static final String NAME = "events";

  /** A continuation from {@link #resumeAfter}: the handler runs it when it arrives. */
  public record Resume(Runnable action) {}

  /**
   * Stops reading the client for {@code delay}, then delivers {@code Resume(then)} in order with
   * what it sent meanwhile (a failed login's delayed answer).
   */
  public static void resumeAfter(
      IoSession session, ScheduledExecutorService timer, Duration delay, Runnable then) {
    ReadGate.hold(session, ReadGate.Reason.PAUSED);
    timer.schedule(
        () -> {
          ReadGate.release(session, ReadGate.Reason.PAUSED);
          inject(session, new Resume(then));
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Stops reading the client until {@code stage} completes, then delivers {@code Resume(then)} in
   * order with what it sent meanwhile (a greeting that waits for a DNS answer); no thread waits.
   */
  public static void resumeWhen(IoSession session, CompletionStage<?> stage, Runnable then) {
    ReadGate.hold(session, ReadGate.Reason.PAUSED);
    stage.whenComplete(
        (result, failure) -> {
          ReadGate.release(session, ReadGate.Reason.PAUSED);
          inject(session, new Resume(then));
        });
  }

  /** Delivers {@code marker} to the handler after everything already received. */
  public static void inject(IoSession session, Object marker) {
    NextFilter next = session.getFilterChain().getNextFilter(NAME);
    if (next != null && !session.isClosing()) {
      next.messageReceived(session, marker);
    }
  }
}
