package mxlab.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {
  @Test
  void wireFormCarriesTheStatusOnEveryLine() {
    SmtpReply r = SmtpReply.lines(250, "2.0.0", List.of("first", "last"));
    assertThat(new String(r.wire(), StandardCharsets.UTF_8))
        .isEqualTo("250-2.0.0 first\r\n250 2.0.0 last\r\n");
    assertThat(new String(SmtpReply.plain(354, "go ahead").wire(), StandardCharsets.UTF_8))
        .isEqualTo("354 go ahead\r\n");
    assertThat(r).hasToString("250 2.0.0 first last");
  }

  @Test
  void parsesWhatRemoteServersSend() {
    SmtpReply ehlo =
        SmtpReply.parse("250-mx.example Hello\r\n250-PIPELINING\r\n250 SIZE 100\r\n").get();
    assertThat(ehlo.code()).isEqualTo(250);
    assertThat(ehlo.status()).isNull();
    assertThat(ehlo.lines()).containsExactly("mx.example Hello", "PIPELINING", "SIZE 100");

    SmtpReply unknown = SmtpReply.parse("550-5.1.1 no such\r\n550 5.1.1 user").get();
    assertThat(unknown.status()).isEqualTo("5.1.1");
    assertThat(unknown.lines()).containsExactly("no such", "user");
    assertThat(unknown.isPermanentError()).isTrue();
    assertThat(SmtpReply.parse("421").get().isTransientError()).isTrue();
  }

  @Test
  void readsItsOwnDiagnosticBack() {
    SmtpReply r = SmtpReply.of(451, "4.4.1", "mx[192.0.2.1]: connection refused");
    assertThat(SmtpReply.parse(r.toString())).contains(r);
    assertThat(SmtpReply.parse("550 User unknown").get().status()).isNull();
    // a status of another class is text, not a status (RFC 3463 2)
    assertThat(SmtpReply.parse("550 4.1.1 odd").get().text()).isEqualTo("4.1.1 odd");
    assertThat(SmtpReply.parse("550 5.1.1 a\nb").get().lines()).containsExactly("a b");
  }

  @Test
  void refusesWhatIsNoReply() {
    assertThat(SmtpReply.parse("hello")).isEmpty();
    assertThat(SmtpReply.parse("4.4.7 delivery time expired")).isEmpty();
    assertThatThrownBy(() -> SmtpReply.of(250, "5.0.0", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmtpReply.of(99, null, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
