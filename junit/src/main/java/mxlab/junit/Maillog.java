package mxlab.junit;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The maillog lines of one lab (one line per message, refusal and login, as in the README), told
 * apart from other labs running in parallel by the thread that wrote them ({@link
 * mxlab.junit.maillog.LabThreads}).
 */
public final class Maillog {
  private final Supplier<List<String>> lines;

  Maillog(Supplier<List<String>> lines) {
    this.lines = lines;
  }

  /** Every line so far, oldest first. */
  public List<String> lines() {
    return lines.get();
  }

  /** Lines that contain {@code text}. */
  public List<String> grep(String text) {
    return lines().stream().filter(l -> l.contains(text)).toList();
  }

  /** Waits for a line containing {@code text} and returns it. */
  public String await(String text, Duration timeout) {
    return Awaiting.atLeast(
            1,
            timeout,
            () -> grep(text),
            none -> "no maillog line containing \"" + text + "\" within " + timeout + "\n" + this)
        .get(0);
  }

  /** The lines for a failure message. */
  @Override
  public String toString() {
    List<String> all = lines();
    StringBuilder b = new StringBuilder("maillog of this lab (" + all.size() + " lines):\n");
    all.forEach(l -> b.append("  ").append(l).append('\n'));
    return b.toString();
  }
}
