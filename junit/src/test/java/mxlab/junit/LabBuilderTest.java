package mxlab.junit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void misuseIsExplained() {
    assertThatThrownBy(() -> MxlabExtension.builder().user("test", "pw"))
        .hasMessageContaining("call domain(...) before user(...)");
    assertThatThrownBy(() -> MxlabExtension.builder().build())
        .hasMessageContaining("a lab needs a domain");
    assertThatThrownBy(() -> MxlabExtension.builder().retryAfter(java.time.Duration.ZERO))
        .hasMessageContaining("at least one second");
  }
}
