package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import mxlab.net.Dialogue;
import mxlab.smtp.session.SmtpMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access map and relaying rules of the README, one dialogue each, over real sockets on port 0;
 * untrusted clients speak from 127.0.20.x.
 */
class AccessDialogueTest {
  static final String SPEC =
      """
      version: 1
      server:
        hostname: mail.bann.com
        limits: { max_recipients: 10, max_errors: 5 }
      domains:
        - name: bann.com
          hosts: { mail: 192.168.0.100 }
          users: [ { name: test } ]
      access:
        "Connect:localhost": OK
        "Connect:127.0.0.1": RELAY
        bann.com: RELAY
        "192.168.100": RELAY
        example.net: OK
        "To:relay.example": RELAY
        "Connect:127.0.20.9": REJECT
        "Connect:127.0.20.10": 'ERROR:"550 5.7.1 Go away"'
        "Connect:127.0.20.11": 'ERROR:"451 4.3.2 Come back later"'
        "From:spammer@": REJECT
        "To:busy@bann.com": 'ERROR:"450 4.2.1 Mailbox busy"'
        "To:gone@bann.com": 'ERROR:"550 5.1.6 Gone to the mountains"'
        "To:trap@bann.com": DISCARD
      relay_domains: [partner.org]
      """;

  @TempDir Path data;
  SmtpFixture smtp;

  @BeforeEach
  void start() throws Exception {
    smtp = new SmtpFixture(SPEC, data);
  }

  @AfterEach
  void stop() {
    smtp.close();
  }

  /** A client no access key trusts, past the greeting and EHLO. */
  private Dialogue stranger() throws Exception {
    Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), "127.0.20.5");
    d.expect("220 *");
    d.send("EHLO stranger").reply();
    return d;
  }

  @Test
  void onlyRelayGrantsRelayingToADomain() throws Exception {
    try (Dialogue d = stranger()) {
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<x@example.net>
          S: 550 5.7.1 Relaying denied
          C: RCPT TO:<x@sub.bann.com>
          S: 550 5.7.1 Relaying denied
          C: RCPT TO:<x@evil.192.168.100>
          S: 550 5.7.1 Relaying denied
          C: RCPT TO:<x@relay.example>
          S: 250 2.1.5 Recipient ok
          C: RCPT TO:<x@mx.relay.example>
          S: 250 2.1.5 Recipient ok
          C: RCPT TO:<x@mx.partner.org>
          S: 250 2.1.5 Recipient ok
          C: RCPT TO:<test@bann.com>
          S: 250 2.1.5 Recipient ok
          """);
    }
  }

  @Test
  void theClientsAddressSayingRelayRelaysWhateverItsNameSays() throws Exception {
    // 127.0.0.1 is "localhost" (OK) by name and RELAY by address
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<x@gmail.com>
          S: 250 2.1.5 Recipient ok
          """);
    }
  }

  @Test
  void aSendersDetailIsStrippedForTheUserKey() throws Exception {
    try (Dialogue d = stranger()) {
      d.script(
          """
          C: MAIL FROM:<spammer+x@anywhere.org>
          S: 550 5.7.1 Access denied
          C: MAIL FROM:<spammer@anywhere.org>
          S: 550 5.7.1 Access denied
          C: MAIL FROM:<innocent+spammer@anywhere.org>
          S: 250 *
          """);
    }
  }

  @Test
  void userPlusDetailIsDeliveredToTheUser() throws Exception {
    try (Dialogue d = stranger()) {
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<test+lists@bann.com>
          S: 250 2.1.5 Recipient ok
          C: DATA
          S: 354 *
          C: Subject: plussed
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
    }
    assertThat(smtp.mailbox("bann.com", "test"))
        .singleElement()
        .asString()
        .contains("\tfor <test+lists@bann.com>; ")
        .endsWith("Subject: plussed\n");
  }

  @Test
  void errorEntriesAreAnsweredAsWritten() throws Exception {
    try (Dialogue d = stranger()) {
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<busy@bann.com>
          S: 450 4.2.1 Mailbox busy
          C: RCPT TO:<gone@bann.com>
          S: 550 5.1.6 Gone to the mountains
          """);
    }
  }

  @Test
  void aRefusedClientGets554InsteadOfTheGreetingAndMayOnlyQuit() throws Exception {
    try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), "127.0.20.9")) {
      d.script(
          """
          S: 554 5.7.1 Access denied
          C: EHLO c
          S: 503 5.5.1 Bad sequence of commands
          C: MAIL FROM:<a@example.org>
          S: 503 5.5.1 Bad sequence of commands
          C: QUIT
          S: 221 *
          """);
      assertThat(d.closedByServer()).isTrue();
    }
    try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), "127.0.20.10")) {
      d.expect("554 5.7.1 Go away"); // ERROR:550 becomes 554 at the greeting
    }
  }

  @Test
  void aTemporaryConnectErrorGreetsThenAnswersEachCommandWithIt() throws Exception {
    try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), "127.0.20.11")) {
      d.script(
          """
          S: 220 *
          C: EHLO c
          S: 451 4.3.2 Come back later
          C: MAIL FROM:<a@example.org>
          S: 451 4.3.2 Come back later
          C: QUIT
          S: 221 *
          """);
    }
  }

  /** mxlab drops only that recipient's copy; the others get the message. */
  @Test
  void discardOnOneRecipientDropsOnlyItsCopy() throws Exception {
    try (Dialogue d = stranger()) {
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<trap@bann.com>
          S: 250 2.1.5 Recipient ok
          C: RCPT TO:<test@bann.com>
          S: 250 2.1.5 Recipient ok
          C: DATA
          S: 354 *
          C: Subject: both
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
    }
    assertThat(smtp.mailbox("bann.com", "test")).hasSize(1);
    assertThat(smtp.queue()).isEmpty();
  }
}
