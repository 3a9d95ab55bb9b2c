package mxlab.junit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import mxlab.junit.remote.RemoteFault;
import mxlab.junit.remote.Stage;
import org.junit.jupiter.api.Test;

/** What the builder's settings do to a running lab (started by hand here, one per test). */
class LabBuilderTest {
  @Test
  void withoutLocalRelayPort25RefusesOtherDomains() throws Exception {
    try (MxlabExtension lab =
            MxlabExtension.builder()
                .domain("bann.com")
                .user("test", "pw")
                .noLocalRelay()
                .build()
                .start();
        SmtpClient c = new SmtpClient(lab.smtp())) {
      c.send("EHLO client.test", "250");
      c.send("MAIL FROM:<test@bann.com>", "250");
      assertThat(c.send("RCPT TO:<bob@remote.test>", "550")).contains("5.7.1");
      c.send("RCPT TO:<test@bann.com>", "250"); // its own domain still takes mail
    }
  }

  @Test
  void accessEntriesAndPlaintextAuthReachTheServer() throws Exception {
    try (MxlabExtension lab =
            MxlabExtension.builder()
                .domain("bann.com")
                .user("test", "p\"w\\rd")
                .access("From:spammer@evil.com", "REJECT")
                .allowPlaintextAuth()
                .build()
                .start();
        SmtpClient c = new SmtpClient(lab.submission())) {
      assertThat(c.send("EHLO client.test", "250")).contains("AUTH PLAIN");
      c.authPlain("test@bann.com", "p\"w\\rd"); // quoted into YAML and back intact
      assertThat(c.send("MAIL FROM:<spammer@evil.com>", "550")).contains("5.7.1");
      assertThat(lab.maillog().await("spammer@evil.com", ofSeconds(5)))
          .contains("decision=rejected");
    }
  }

  @Test
  void twoDomainsEachWithTheirUsers() throws Exception {
    try (MxlabExtension lab =
        MxlabExtension.builder()
            .domain("north.lab")
            .user("alice", "pw")
            .domain("south.lab")
            .user("bob", "pw")
            .alias("team", "bob", "alice@north.lab")
            .build()
            .start()) {
      assertThat(lab.dns().mx("south.lab")).containsExactly("mail.south.lab");
      SmtpClient.send(lab.smtp(), "x@example.org", "team@south.lab", "both", "x\n");
      assertThat(lab.mailbox("alice@north.lab").awaitMessage(ofSeconds(10)).subject())
          .isEqualTo("both");
      assertThat(lab.mailbox("bob@south.lab").awaitMessage(ofSeconds(10)).subject())
          .isEqualTo("both");
    }
  }

  @Test
  void aDeferredMessageWaitsForItsRetryUntilTheQueueIsFlushed() throws Exception {
    try (MxlabExtension lab =
        MxlabExtension.builder()
            .domain("bann.com")
            .user("test", "pw")
            .retryAfter(Duration.ofMinutes(10))
            .build()
            .start()) {
      lab.remote().inject(RemoteFault.reply(Stage.RCPT, "450 4.2.1 Mailbox busy").times(1));
      SmtpClient.send(lab.smtp(), "test@bann.com", "bob@remote.test", "held", "x\n");
      LabQueue.Entry held = lab.queue().awaitDeferred(ofSeconds(10)).get(0);
      assertThat(held.sender()).isEqualTo("test@bann.com");
      assertThat(held.pending()).containsExactly("bob@remote.test");
      assertThat(held.attempts()).isEqualTo(1);
      assertThat(held.diagnostics()).singleElement().asString().contains("450 4.2.1 Mailbox busy");
      assertThat(held.nextAttempt()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));

      lab.queue().flush();
      assertThat(lab.remote().awaitMessages(1, ofSeconds(10)).get(0).message().subject())
          .isEqualTo("held");
      lab.queue().awaitEmpty(ofSeconds(10));
    }
  }

  @Test
  void misuseIsExplained() {
    assertThatThrownBy(() -> MxlabExtension.builder().user("test", "pw"))
        .hasMessageContaining("call domain(...) before user(...)");
    assertThatThrownBy(() -> MxlabExtension.builder().build())
        .hasMessageContaining("a lab needs a domain");
    assertThatThrownBy(() -> MxlabExtension.builder().retryAfter(Duration.ZERO))
        .hasMessageContaining("at least one second");
  }
}
