package mxlab.core.log;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * The mail log: one line per message, refusal and login. Each line goes to the SLF4J logger
 * "maillog" and to {@link MailLogFeed}, on the writing thread, so live views and test harnesses see
 * every line whatever logging backend is bound and however it is configured.
 */
public final class MailLog {
  private static final MailLog INSTANCE = new MailLog();
  private final Logger log = LoggerFactory.getLogger("maillog");

  private MailLog() {}

  public static MailLog get() {
    return INSTANCE;
  }

  /** Writes a line; {@code format} takes SLF4J's {@code {}} placeholders. */
  public void info(String format, Object... args) {
    String line = MessageFormatter.basicArrayFormat(format, args);
    log.info(line);
    MailLogFeed.publish(new MailLogFeed.Line(Instant.now(), line));
  }
}
