package mxlab.smtp;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what every logger writes while it is open, as logback events. */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** The events so far that passed the configured levels. */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // AppenderBase appends under this lock
      return List.copyOf(appender.list);
    }
  }

  /** The events whose message, as formatted, contains {@code text}. */
  public List<ILoggingEvent> containing(String text) {
    return events().stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
