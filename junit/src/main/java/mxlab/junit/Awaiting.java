package mxlab.junit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;

/** Polling until enough has happened, failing with a message that shows what did happen. */
final class Awaiting {
  private static final long POLL_MILLIS = 20;

  private Awaiting() {}

  /**
   * Polls {@code current} until it holds at least {@code n} items; on timeout throws an {@link
   * AssertionError} with {@code explain} of the last state.
   */
  static <T> List<T> atLeast(
      int n, Duration timeout, Callable<List<T>> current, Function<List<T>, String> explain) {
    return until(timeout, current, now -> now.size() >= n, explain);
  }

  /**
   * Polls {@code current} until {@code done} holds for it and returns it; on timeout throws an
   * {@link AssertionError} with {@code explain} of the last state.
   */
  static <T> T until(
      Duration timeout, Callable<T> current, Predicate<T> done, Function<T, String> explain) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T now = poll(current);
      if (done.test(now)) {
        return now;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(explain.apply(now));
      }
      pause();
    }
  }

  static <T> T poll(Callable<T> current) {
    try {
      return current.call();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the lab's state: " + e, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }

  /** " 1. first\n 2. second\n", or " (none)\n". */
  static String numbered(List<?> items) {
    if (items.isEmpty()) {
      return "  (none)\n";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      b.append("  ").append(i + 1).append(". ").append(items.get(i)).append('\n');
    }
    return b.toString();
  }
}
