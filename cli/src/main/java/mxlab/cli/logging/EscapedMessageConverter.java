package mxlab.cli.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import mxlab.core.text.Printable;

/**
 * {@code %msg} with its control characters escaped: one event is one log line, whatever a client
 * put in a name or address, and whichever logger wrote it (logback.xml maps %msg, %m and %message
 * here).
 */
public final class EscapedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Printable.escape(super.convert(event));
  }
}
