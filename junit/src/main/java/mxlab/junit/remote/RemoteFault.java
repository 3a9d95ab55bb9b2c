package mxlab.junit.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something the capturing remote server does instead of answering normally: a 4xx or 5xx reply, a
 * delay before the normal answer, or a dropped connection. A fault applies every time unless {@link
 * #times} limits it. At one stage the delays armed add up, then the first reply or drop answers.
 *
 * @param times how many more times it strikes; {@link #ALWAYS} for every time
 */
public record RemoteFault(Stage stage, Kind kind, String reply, Duration delay, int times) {
  public static final int ALWAYS = -1;
  private static final Pattern REPLY = Pattern.compile("[45]\\d\\d( .*)?");

  public enum Kind {
    REPLY,
    DELAY,
    DROP
  }

  public RemoteFault {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.REPLY && (reply == null || !REPLY.matcher(reply).matches())) {
      throw new IllegalArgumentException(
          "a fault reply is a 4xx or 5xx SMTP reply such as \"451 4.3.0 Try again later\", not '"
              + reply
              + "'");
    }
    if (kind == Kind.DELAY && (delay == null || delay.isNegative() || delay.isZero())) {
      throw new IllegalArgumentException("a delay fault needs a positive delay, not " + delay);
    }
    if (times == 0 || times < ALWAYS) {
      throw new IllegalArgumentException("times is at least 1 (or ALWAYS), not " + times);
    }
  }

  /** Answers {@code reply} (e.g. "451 4.3.0 Try again later") at {@code stage}. */
  public static RemoteFault reply(Stage stage, String reply) {
    return new RemoteFault(stage, Kind.REPLY, reply, Duration.ZERO, ALWAYS);
  }

  /** Waits {@code delay} at {@code stage}, then answers as usual. */
  public static RemoteFault delay(Stage stage, Duration delay) {
    return new RemoteFault(stage, Kind.DELAY, null, delay, ALWAYS);
  }

  /** Closes the connection at {@code stage} without a word. */
  public static RemoteFault drop(Stage stage) {
    return new RemoteFault(stage, Kind.DROP, null, Duration.ZERO, ALWAYS);
  }

  /** The same fault, striking only the next {@code n} times. */
  public RemoteFault times(int n) {
    return new RemoteFault(stage, kind, reply, delay, n);
  }

  @Override
  public String toString() {
    String what =
        switch (kind) {
          case REPLY -> "reply \"" + reply + "\"";
          case DELAY -> "delay " + delay;
          case DROP -> "drop the connection";
        };
    return what + " at " + stage + (times == ALWAYS ? "" : " (" + times + " more times)");
  }
}
