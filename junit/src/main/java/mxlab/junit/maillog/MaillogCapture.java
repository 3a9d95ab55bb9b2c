package mxlab.junit.maillog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Copies each line of the "maillog" logger to the lab whose thread wrote it ({@link LabThreads}).
 * The servers log through SLF4J; this works when SLF4J is bound to logback, as it is with this
 * module's dependencies. The appender is added once per logger context and keeps no state.
 */
public final class MaillogCapture {
  private static final String LOGGER = "maillog";
  private static final String APPENDER = "mxlab-junit-maillog";

  private MaillogCapture() {}

  /**
   * Makes sure maillog lines reach their labs; returns why they cannot, or null when they can. When
   * the user's configuration had switched the maillog off, it is switched on for this appender
   * alone (additivity off), so their console stays as quiet as they set it.
   */
  public static synchronized String install() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return "maillog not captured: SLF4J is bound to "
          + factory.getClass().getName()
          + ", not logback";
    }
    Logger logger = context.getLogger(LOGGER);
    if (logger.getAppender(APPENDER) != null) {
      return null;
    }
    if (!logger.isInfoEnabled()) {
      logger.setLevel(Level.INFO);
      logger.setAdditive(false);
    }
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            LabThreads lab = LabThreads.current();
            if (lab != null) {
              lab.record(event.getFormattedMessage());
            }
          }
        };
    appender.setName(APPENDER);
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);
    return null;
  }
}
