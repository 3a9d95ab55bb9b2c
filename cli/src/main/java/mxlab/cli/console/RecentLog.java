package mxlab.cli.console;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import mxlab.core.text.Printable;

/** The last lines of the log, kept in memory for the console's `log tail`. */
public final class RecentLog extends AppenderBase<ILoggingEvent> {
  private static final int KEEP = 2000;
  private static final ArrayDeque<String> LINES = new ArrayDeque<>();

  private PatternLayoutEncoder encoder;

  public void setEncoder(PatternLayoutEncoder encoder) {
    this.encoder = encoder;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line =
        encoder == null
            ? Printable.escape(event.getFormattedMessage())
            : new String(encoder.encode(event), StandardCharsets.UTF_8).stripTrailing();
    synchronized (LINES) {
      if (LINES.size() == KEEP) {
        LINES.removeFirst();
      }
      LINES.addLast(line);
    }
  }

  /** The last {@code n} lines, oldest first. */
  public static List<String> last(int n) {
    synchronized (LINES) {
      List<String> all = new ArrayList<>(LINES);
      return all.subList(Math.max(0, all.size() - n), all.size());
    }
  }
}
