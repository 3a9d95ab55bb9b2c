package mxlab.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import mxlab.core.log.MailLogFeed;
import mxlab.core.text.Printable;

/** Hands every line of the "maillog" logger to {@link MailLogFeed}, for the lab page's live log. */
public final class MailLogTap extends AppenderBase<ILoggingEvent> {
  @Override
  protected void append(ILoggingEvent event) {
    MailLogFeed.publish(
        Instant.ofEpochMilli(event.getTimeStamp())
            + " "
            + Printable.escape(event.getFormattedMessage()));
  }
}
