package mxlab.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mxlab.net.Dialogue;
import mxlab.smtp.LogCapture;
import mxlab.smtp.SmtpFixture;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.Policy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 7489 6.6.4 / 10.3 over a real socket: under {@code dmarc: enforce} a forged From of a domain
 * whose policy (p=, or sp= for a subdomain) says quarantine is accepted with 250 and filed in the
 * recipient's Junk folder; p=none, and report mode, leave it in the INBOX.
 */
class DmarcQuarantineDialogueTest {
  static final FakeDns WORLD =
      new FakeDns()
          .txt("shady.example", "v=spf1 ip4:192.0.2.1 -all")
          .txt("_dmarc.shady.example", "v=DMARC1; p=quarantine")
          .txt("parent.example", "v=spf1 -all")
          .txt("_dmarc.parent.example", "v=DMARC1; p=none; sp=quarantine")
          .txt("relaxed.example", "v=spf1 ip4:192.0.2.1 -all")
          .txt("_dmarc.relaxed.example", "v=DMARC1; p=none");

  @TempDir Path data;
  SmtpFixture smtp;

  void start(String dmarc) throws Exception {
    Policy policy = Policy.standard().withMessageHook(new VerifyingHook(server -> WORLD));
    smtp =
        new SmtpFixture(MailAuthDialogueTest.spec(dmarc), data, CommandRegistry.standard(), policy);
  }

  @AfterEach
  void stop() {
    if (smtp != null) {
      smtp.close();
    }
  }

  @Test
  void enforcedQuarantineFilesTheForgeryInJunkAndSaysSo() throws Exception {
    start("enforce");
    try (LogCapture log = new LogCapture();
        Dialogue d = smtp.greeted()) {
      d.script(message("boss@shady.example", "invoice") + message("x@sub.parent.example", "sub"));
      assertThat(log.containing("decision=accepted"))
          .hasSize(2)
          .allSatisfy(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("mailboxes=1 folder=Junk queued=0")
                      .contains("dmarc=fail policy=quarantine"));
    }
    assertThat(smtp.mailbox("north.lab", "alice")).isEmpty();
    List<String> junk = junk("alice");
    assertThat(junk).hasSize(2);
    assertThat(junk.get(0))
        .contains("Subject: invoice")
        .contains("\tdmarc=fail (p=quarantine dis=quarantine) header.from=shady.example\n");
    assertThat(junk.get(1))
        .contains("Subject: sub")
        .contains("\tdmarc=fail (p=quarantine dis=quarantine) header.from=sub.parent.example\n");
  }

  @Test
  void pNoneAndReportModeLeaveMailInTheInbox() throws Exception {
    start("enforce");
    try (Dialogue d = smtp.greeted()) {
      d.script(message("boss@relaxed.example", "none policy"));
    }
    assertThat(smtp.mailbox("north.lab", "alice"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .contains("\tdmarc=fail (p=none dis=none) header.from=relaxed.example"));
    assertThat(junk("alice")).isEmpty();
    smtp.close();

    start("report");
    try (LogCapture log = new LogCapture();
        Dialogue d = smtp.greeted()) {
      d.script(message("boss@shady.example", "reported only"));
      assertThat(log.containing("decision=accepted"))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).doesNotContain("Junk"));
    }
    assertThat(smtp.mailbox("north.lab", "alice"))
        .hasSize(2)
        .last()
        .satisfies(
            m ->
                assertThat(m)
                    .contains("Subject: reported only")
                    .contains(
                        "\tdmarc=fail (p=quarantine dis=quarantine) header.from=shady.example"));
    assertThat(junk("alice")).isEmpty();
  }

  /** A whole transaction to alice, From {@code sender}, answered 250. */
  static String message(String sender, String subject) {
    return """
        C: MAIL FROM:<%s>
        S: 250 *
        C: RCPT TO:<alice@north.lab>
        S: 250 *
        C: DATA
        S: 354 *
        C: From: %s
        C: Subject: %s
        C:
        C: pay now
        C: .
        S: 250 2.0.0 Ok: queued as *
        """
        .formatted(sender, sender, subject);
  }

  private List<String> junk(String user) throws Exception {
    Path dir = data.resolve("mail/north.lab").resolve(user).resolve(".Junk/new");
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
