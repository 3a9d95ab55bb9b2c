package mxlab.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import mxlab.net.Dialogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A USER or SASL name with CR, LF and ESC in it cannot forge or split a maillog line. */
class Pop3LogEscapingTest {
  @TempDir Path data;
  Pop3Fixture pop;
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void start() throws Exception {
    log.start();
    root.addAppender(log);
    pop = new Pop3Fixture(Pop3DialogueTest.SPEC, data);
  }

  @AfterEach
  void stop() {
    pop.close();
    root.detachAppender(log);
  }

  @Test
  void controlCharactersInLoginNamesAreEscapedInTheLog() throws Exception {
    String sasl =
        Base64.getEncoder()
            .encodeToString(
                "\0evil\r\npop3: client=[10.0.0.1] user=admin login=ok\0x"
                    .getBytes(StandardCharsets.UTF_8));
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("STLS").expect("+OK *");
      d.upgrade();
      d.script(
          """
          C: USER bad\u001b[2J\rlogin=ok\u001b[1A
          S: +OK *
          C: PASS wrong
          S: -ERR [AUTH] Authentication failed
          C: AUTH PLAIN %s
          S: -ERR [AUTH] Authentication failed
          """
              .formatted(sasl));
    }
    List<String> maillog;
    synchronized (log) {
      maillog =
          log.list.stream()
              .filter(e -> e.getLoggerName().equals("maillog"))
              .map(ILoggingEvent::getFormattedMessage)
              .toList();
    }
    assertThat(maillog).hasSize(2);
    assertThat(maillog.get(0))
        .startsWith(
            "pop3: client=[127.0.0.1] user=bad\\033[2J\\015login=ok\\033[1A login=failed delay=");
    assertThat(maillog.get(1))
        .startsWith(
            "pop3: client=[127.0.0.1] user=evil\\015\\012pop3: client=[10.0.0.1] user=admin"
                + " login=ok login=failed delay=");
    assertThat(maillog).allSatisfy(m -> assertThat(m).doesNotContainPattern("[\\x00-\\x1f]"));
  }
}
