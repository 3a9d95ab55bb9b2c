package mxlab.core.log;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import mxlab.core.text.Printable;

/**
 * The mail log's lines as they are written, for live views (the lab page's Server-Sent Events) and
 * test harnesses: {@link MailLog} publishes each line here, readers get the last lines and then
 * every new one, on the thread that wrote it. One per process, like the log itself.
 */
public final class MailLogFeed {
  private static final int KEEP = 500;
  private static final ArrayDeque<Line> RECENT = new ArrayDeque<>();
  private static final List<Consumer<Line>> READERS = new CopyOnWriteArrayList<>();

  /** One line of the mail log as its writer formatted it, and when. */
  public record Line(Instant at, String text) {
    /** The line for display: its time, then its text with control characters escaped. */
    public String display() {
      return at + " " + Printable.escape(text);
    }
  }

  private MailLogFeed() {}

  public static void publish(Line line) {
    synchronized (RECENT) {
      if (RECENT.size() == KEEP) {
        RECENT.removeFirst();
      }
      RECENT.addLast(line);
    }
    for (Consumer<Line> r : READERS) {
      r.accept(line); // readers only queue the line: a slow browser never slows the log
    }
  }

  public static List<Line> recent() {
    synchronized (RECENT) {
      return new ArrayList<>(RECENT);
    }
  }

  /** Hears every line published from now on, until the returned handle is closed. */
  public static AutoCloseable subscribe(Consumer<Line> reader) {
    READERS.add(reader);
    return () -> READERS.remove(reader);
  }
}
