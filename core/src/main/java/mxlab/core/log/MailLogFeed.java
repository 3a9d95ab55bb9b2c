package mxlab.core.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The mail log's lines as they are written, for live views (the lab page's Server-Sent Events): the
 * logging backend publishes each line of the "maillog" logger here (cli's MailLogTap), readers get
 * the last lines and then every new one. One per process, like the log itself.
 */
public final class MailLogFeed {
  private static final int KEEP = 500;
  private static final ArrayDeque<String> RECENT = new ArrayDeque<>();
  private static final List<Consumer<String>> READERS = new CopyOnWriteArrayList<>();

  private MailLogFeed() {}

  /** One finished log line, control characters already escaped. */
  public static void publish(String line) {
    synchronized (RECENT) {
      if (RECENT.size() == KEEP) {
        RECENT.removeFirst();
      }
      RECENT.addLast(line);
    }
    for (Consumer<String> r : READERS) {
      r.accept(line); // readers only queue the line: a slow browser never slows the log
    }
  }

  public static List<String> recent() {
    synchronized (RECENT) {
      return new ArrayList<>(RECENT);
    }
  }

  /** Hears every line published from now on, until the returned handle is closed. */
  public static AutoCloseable subscribe(Consumer<String> reader) {
    READERS.add(reader);
    return () -> READERS.remove(reader);
  }
}
