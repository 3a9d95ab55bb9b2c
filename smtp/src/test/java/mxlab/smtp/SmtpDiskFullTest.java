package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.FullDisk;
import mxlab.net.Dialogue;
import mxlab.smtp.session.SmtpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A full disk during DATA: 451, nothing left in the spool, one log line; mail again once freed. */
class SmtpDiskFullTest {
  @TempDir Path data;
  private final FullDisk disk = new FullDisk(1000);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger sessionLog = (Logger) LoggerFactory.getLogger(SmtpSession.class);
  private SmtpFixture smtp;

  @BeforeEach
  void start() throws Exception {
    log.start();
    sessionLog.addAppender(log);
    smtp = new SmtpFixture(SpecFixtures.minimal(""), data, 0, disk);
  }

  @AfterEach
  void stop() {
    smtp.close();
    sessionLog.detachAppender(log);
  }

  private static String message(int lines) {
    StringBuilder text = new StringBuilder("Subject: big\r\n\r\n");
    for (int i = 0; i < lines; i++) {
      text.append("x".repeat(70)).append("\r\n");
    }
    return text.append(".\r\n").toString();
  }

  private List<Path> spool() throws Exception {
    try (Stream<Path> files = Files.list(data.resolve("spool"))) {
      return files.toList();
    }
  }

  @Test
  void aFullDiskIsATemporaryErrorThatLeavesNothingBehind() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<a@remote.org>
          S: 250 2.1.0 *
          C: RCPT TO:<test@bann.com>
          S: 250 2.1.5 *
          C: DATA
          S: 354 *
          """);
      d.raw(message(100));
      d.expect("451 4.3.0 *");
    }
    assertThat(spool()).isEmpty();
    assertThat(smtp.mailbox("bann.com", "test")).isEmpty();
    List<ILoggingEvent> problems =
        log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).getFormattedMessage()).contains("No space left on device");
    assertThat(problems.get(0).getThrowableProxy()).isNull();

    disk.makeRoom();
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<a@remote.org>
          S: 250 2.1.0 *
          C: RCPT TO:<test@bann.com>
          S: 250 2.1.5 *
          C: DATA
          S: 354 *
          """);
      d.raw(message(100));
      d.expect("250 2.0.0 *");
    }
    assertThat(smtp.mailbox("bann.com", "test")).hasSize(1);
    assertThat(spool()).isEmpty();
  }
}
