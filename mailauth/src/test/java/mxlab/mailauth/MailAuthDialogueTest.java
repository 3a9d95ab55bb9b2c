package mxlab.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import mxlab.core.spec.Domain;
import mxlab.core.spec.SpecFixtures;
import mxlab.mailauth.dkim.DkimKeyStore;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.dkim.DkimVerifier;
import mxlab.net.Dialogue;
import mxlab.smtp.LogCapture;
import mxlab.smtp.SmtpFixture;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.session.SmtpMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing and verifying hooks in a real SMTP server over sockets: a user's submission arrives
 * in the Maildir signed with both keys of {@code algorithm: both}, above our Received field; mail
 * from another server gets Authentication-Results, and with {@code dmarc: enforce} a message its
 * From domain's p=reject disowns gets 550 5.7.1 at the final dot. DNS is a fake zone here; the
 * interop tests use real mxlab DNS.
 */
class MailAuthDialogueTest {
  static String spec(String dmarc) {
    return """
        version: 1
        server:
          hostname: mail.north.lab
          allow_plaintext_auth: true
          mail_auth: { dmarc: %s }
        domains:
          - name: north.lab
            hosts: { mail: 127.0.24.1 }
            users: [ { name: alice, password: "{PLAIN}secret" } ]
            dkim: { selector: s1, algorithm: both }
        """
        .formatted(dmarc);
  }

  /** Other people's domains, as their DNS would answer. */
  static final FakeDns WORLD =
      new FakeDns()
          .txt("bank.example", "v=spf1 ip4:192.0.2.1 -all")
          .txt("_dmarc.bank.example", "v=DMARC1; p=reject")
          .txt("friend.example", "v=spf1 ip4:127.0.0.0/8 -all")
          .txt("_dmarc.friend.example", "v=DMARC1; p=reject; adkim=s");

  @TempDir Path data;
  SmtpFixture smtp;

  void start(String dmarc) throws Exception {
    // what the server does in the background at start-up: north.lab's keys exist before mail
    DkimKeyStore.at(data).prepare(SpecFixtures.spec(spec(dmarc)).domains());
    Policy policy =
        Policy.standard()
            .withMessageHook(new VerifyingHook(server -> WORLD))
            .withMessageHook(new SigningHook(DkimKeyStore.at(data)));
    smtp = new SmtpFixture(spec(dmarc), data, CommandRegistry.standard(), policy);
  }

  @AfterEach
  void stop() {
    if (smtp != null) {
      smtp.close();
    }
  }

  @Test
  void aSubmittedMessageArrivesSignedWithBothKeysAboveReceived() throws Exception {
    start("report");
    try (LogCapture log = new LogCapture();
        Dialogue d = Dialogue.connect(smtp.address(SmtpMode.SUBMISSION))) {
      d.expect("220 *");
      d.send("EHLO c").reply();
      String auth =
          Base64.getEncoder()
              .encodeToString("\0alice@north.lab\0secret".getBytes(StandardCharsets.UTF_8));
      d.script(
          "C: AUTH PLAIN "
              + auth
              + "\nS: 235 *\n"
              + toAlice("alice@north.lab")
              + """
              C: From: Alice <alice@north.lab>
              C: To: alice@north.lab
              C: Subject: signed   on the way
              C:
              C: Hello  there.
              C:
              C: .
              S: 250 2.0.0 Ok: queued as *
              """);
      assertThat(log.containing("decision=accepted"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("dkim-signed=north.lab/s1-rsa dkim-signed=north.lab/s1-ed25519"));
    }
    String stored = smtp.mailbox("north.lab", "alice").get(0);
    List<String> lines = List.of(stored.split("\n"));
    assertThat(lines.get(0)).startsWith("Return-Path: <alice@north.lab>");
    int firstSignature = indexOf(lines, "DKIM-Signature:");
    assertThat(firstSignature).isEqualTo(1);
    assertThat(indexOf(lines, "Received:")).isGreaterThan(firstSignature);
    assertThat(stored).contains("a=ed25519-sha256").contains("a=rsa-sha256");

    Domain north = smtp.site().get().spec().domain("north.lab").orElseThrow();
    FakeDns northDns = new FakeDns();
    for (DkimKeyStore.Published p : DkimKeyStore.at(data).published(north, false)) {
      northDns.txt(p.owner() + ".north.lab", p.text());
    }
    MailMessage message = MailMessage.parse(stored.getBytes(StandardCharsets.UTF_8));
    assertThat(new DkimVerifier(northDns).verify(message, Instant.now()))
        .extracting(DkimResult::verdict)
        .containsExactly(DkimResult.Verdict.PASS, DkimResult.Verdict.PASS);
    MailMessage forged =
        MailMessage.parse(
            stored.replace("Hello  there.", "Send money.").getBytes(StandardCharsets.UTF_8));
    assertThat(new DkimVerifier(northDns).verify(forged, Instant.now()))
        .extracting(DkimResult::verdict)
        .containsExactly(DkimResult.Verdict.FAIL, DkimResult.Verdict.FAIL);
  }

  @Test
  void enforcedDmarcRejectsAForgedSenderAndStampsWhatPasses() throws Exception {
    start("enforce");
    try (LogCapture log = new LogCapture();
        Dialogue d = smtp.greeted()) {
      d.script(
          toAlice("ceo@bank.example")
              + """
              C: From: ceo@bank.example
              C: Subject: wire transfer
              C:
              C: now
              C: .
              S: 550 5.7.1 Message rejected by the DMARC policy of its From domain
              """
              + toAlice("pal@friend.example")
              + """
          C: Authentication-Results: mail.north.lab;
          C:   dkim=pass header.d=north.lab
          C: Authentication-Results: mx.friend.example; spf=pass
          C: From: pal@friend.example
          C: Subject: hi
          C:
          C: hello
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
      assertThat(log.containing("decision=rejected"))
          .singleElement()
          .satisfies(
              e -> assertThat(e.getFormattedMessage()).contains("dkim=none spf=fail dmarc=fail"));
      assertThat(log.containing("decision=accepted"))
          .singleElement()
          .satisfies(
              e -> assertThat(e.getFormattedMessage()).contains("dkim=none spf=pass dmarc=pass"));
    }
    String stored = smtp.mailbox("north.lab", "alice").get(0);
    assertThat(stored)
        .contains(
            "Authentication-Results: mail.north.lab;\n"
                + "\tdkim=none;\n"
                + "\tspf=pass smtp.mailfrom=pal@friend.example;\n"
                + "\tspf=none smtp.helo=c;\n"
                + "\tdmarc=pass (p=reject dis=none) header.from=friend.example\n");
    assertThat(stored).doesNotContain("wire transfer");
    // RFC 8601 5: the client's claim in our name is gone; another server's results stay
    assertThat(stored).containsOnlyOnce("Authentication-Results: mail.north.lab;");
    assertThat(stored).doesNotContain("dkim=pass header.d=north.lab");
    assertThat(stored).contains("Authentication-Results: mx.friend.example; spf=pass\n");
  }

  @Test
  void reportOnlyDeliversWhatDmarcWouldRejectAndSaysSo() throws Exception {
    start("report");
    try (Dialogue d = smtp.greeted()) {
      d.script(
          toAlice("ceo@bank.example")
              + """
          C: From: ceo@bank.example
          C:
          C: now
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
    }
    assertThat(smtp.mailbox("north.lab", "alice").get(0))
        .contains("\tspf=fail smtp.mailfrom=ceo@bank.example;\n")
        .contains("\tdmarc=fail (p=reject dis=reject) header.from=bank.example\n");
  }

  @Test
  void verifyOffLeavesMailFromOtherServersUnchecked() throws Exception {
    start("enforce, verify: false");
    try (LogCapture log = new LogCapture();
        Dialogue d = smtp.greeted()) {
      d.script(
          toAlice("ceo@bank.example")
              + """
          C: From: ceo@bank.example
          C:
          C: now
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
      assertThat(log.containing("decision=accepted"))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).doesNotContain("dmarc="));
    }
    assertThat(smtp.mailbox("north.lab", "alice").get(0)).doesNotContain("Authentication-Results:");
  }

  /** The script of a transaction from {@code sender} to alice, up to DATA's 354. */
  private static String toAlice(String sender) {
    return """
        C: MAIL FROM:<%s>
        S: 250 *
        C: RCPT TO:<alice@north.lab>
        S: 250 *
        C: DATA
        S: 354 *
        """
        .formatted(sender);
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
