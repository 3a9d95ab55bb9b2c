package mxlab.core.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address, shared by SMTP AUTH and POP3: each recent failure adds to the
 * delay before the next failure is answered, up to a cap, so guessing gets slow while an honest
 * typo costs a second. Failures are forgotten after a quiet quarter of an hour.
 */
public final class LoginThrottle {
  private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  private static final int MAX_FACTOR = 8;

  private final ConcurrentHashMap<InetAddress, Failures> failures = new ConcurrentHashMap<>();
  private final Duration baseDelay;
  private final Clock clock;

  private record Failures(int count, long lastMillis) {}

  public LoginThrottle(Duration baseDelay, Clock clock) {
    this.baseDelay = baseDelay;
    this.clock = clock;
  }

  /** Records a failure and returns how long to wait before answering it. */
  public Duration failed(InetAddress client) {
    long now = clock.millis();
    Failures f =
        failures.merge(
            client,
            new Failures(1, now),
            (old, one) ->
                now - old.lastMillis() > FORGET_AFTER.toMillis()
                    ? one
                    : new Failures(old.count() + 1, now));
    if (failures.size() > 100_000) {
      failures.entrySet().removeIf(e -> now - e.getValue().lastMillis() > FORGET_AFTER.toMillis());
    }
    return baseDelay.multipliedBy(Math.min(f.count(), MAX_FACTOR));
  }

  public void succeeded(InetAddress client) {
    failures.remove(client);
  }
}
