package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import mxlab.net.Dialogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Names and addresses with CR, LF and ESC in them cannot forge or split a maillog line. */
class MaillogEscapingTest {
  private static final String FORGED = "\r\nmaillog: id=FORGED decision=accepted\u001b[8m";

  @TempDir Path data;
  SmtpFixture smtp;
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void start() throws Exception {
    log.start();
    root.addAppender(log);
    smtp = new SmtpFixture(SmtpDialogueTest.SPEC, data);
  }

  @AfterEach
  void stop() {
    smtp.close();
    root.detachAppender(log);
  }

  @Test
  void controlCharactersFromTheClientAreEscapedInTheLog() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      d.send("EHLO evil\u001b[2J.example").reply();
      d.send("EHLO c").reply();
      d.send("STARTTLS").expect("220 *");
      d.upgrade();
      d.send("EHLO c").reply();
      d.send("AUTH PLAIN " + SmtpDialogueTest.b64("\0nobody" + FORGED + "\0wrong"));
      d.expect("535 5.7.8 *");
      d.script(
          """
          C: MAIL FROM:<"evil\u001b]0;owned\u0007"@remote.org>
          S: 501 5.1.7 *
          C: MAIL FROM:<alice@remote.org>
          S: 250 *
          C: RCPT TO:<"no\u001b[1Abody"@bann.com>
          S: 501 5.1.3 *
          C: RCPT TO:<test@bann.com>
          S: 250 *
          C: DATA
          S: 354 *
          C: Subject: hi
          C:
          C: body
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
    }
    // Paths with control characters are refused outright (nothing unclean reaches Received:);
    // what is logged of the dialogue is escaped.
    List<String> maillog = messages("maillog");
    assertThat(maillog).hasSize(2);
    assertThat(maillog.get(0))
        .contains(
            "auth=nobody\\015\\012maillog: id=FORGED decision=accepted\\033[8m result=failed");
    assertThat(maillog.get(1)).contains("from=<alice@remote.org>").contains("decision=accepted");
    assertThat(messages(null))
        .allSatisfy(m -> assertThat(m).doesNotContainPattern("[\\x00-\\x1f\\x7f]"));
  }

  /** The messages logged to {@code logger} (null: to any), as they were formatted. */
  private List<String> messages(String logger) {
    synchronized (log) {
      return log.list.stream()
          .filter(e -> logger == null || e.getLoggerName().equals(logger))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }
}
