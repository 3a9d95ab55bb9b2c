package mxlab.core.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import mxlab.core.queue.Envelope;
import mxlab.core.reply.SmtpReply;
import org.junit.jupiter.api.Test;

/** The report, parsed back by Jakarta Mail as a mail client would. */
class DeliveryReportTest {
  private static final Instant ARRIVAL = Instant.parse("2026-11-28T01:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-28T05:00:00Z");

  private static final Envelope ENVELOPE =
      new Envelope(
          "MWZQ4MXSYMOJ",
          ARRIVAL,
          "alice@north.lab",
          0,
          100,
          false,
          false,
          3,
          NOW,
          NOW.minusSeconds(60),
          false,
          List.of(
              new Envelope.Recipient(
                  "nobody@south.lab",
                  Envelope.Status.FAILED,
                  "mail.south.lab",
                  "550 5.1.1 <nobody@south.lab>: User unknown"),
              new Envelope.Recipient(
                  "bob@down.lab",
                  Envelope.Status.PENDING,
                  "mail.down.lab",
                  "451 4.4.1 connection refused")));

  private static MimeMessage parse(List<String> lines) throws Exception {
    byte[] bytes = (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
  }

  /** The per-message and per-recipient header blocks of a message/delivery-status part. */
  private static List<InternetHeaders> fields(BodyPart part) throws Exception {
    List<InternetHeaders> blocks = new ArrayList<>();
    String text;
    try (InputStream in = part.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    for (String block : text.split("\r?\n\r?\n")) {
      if (!block.isBlank()) {
        blocks.add(new InternetHeaders(new ByteArrayInputStream((block + "\r\n\r\n").getBytes())));
      }
    }
    return blocks;
  }

  @Test
  void aBounceIsAMultipartReportWithTheOriginalHeaders() throws Exception {
    List<String> header =
        List.of("Subject: hello", "From: alice@north.lab", "To: nobody@south.lab");
    MimeMessage m =
        parse(
            DeliveryReport.render(
                DeliveryReport.Kind.FAILED,
                "mail.north.lab",
                "MAILER-DAEMON@mail.north.lab",
                ENVELOPE,
                ENVELOPE.recipients().subList(0, 1),
                header,
                null,
                NOW));
    assertThat(m.getFrom()[0].toString())
        .isEqualTo("Mail Delivery Subsystem <MAILER-DAEMON@mail.north.lab>");
    assertThat(m.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
    assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
    assertThat(m.getContentType())
        .contains("multipart/report")
        .contains("report-type=delivery-status");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(3);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat((String) parts.getBodyPart(0).getContent())
        .contains("<nobody@south.lab>: host mail.south.lab said: 550 5.1.1");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
    List<InternetHeaders> dsn = fields(parts.getBodyPart(1));
    assertThat(dsn).hasSize(2);
    assertThat(dsn.get(0).getHeader("Reporting-MTA")[0]).isEqualTo("dns; mail.north.lab");
    assertThat(dsn.get(0).getHeader("Arrival-Date")[0])
        .isEqualTo("Sat, 28 Nov 2026 01:00:00 +0000");
    InternetHeaders rcpt = dsn.get(1);
    assertThat(rcpt.getHeader("Final-Recipient")[0]).isEqualTo("rfc822; nobody@south.lab");
    assertThat(rcpt.getHeader("Action")[0]).isEqualTo("failed");
    assertThat(rcpt.getHeader("Status")[0]).isEqualTo("5.1.1");
    assertThat(rcpt.getHeader("Remote-MTA")[0]).isEqualTo("dns; mail.south.lab");
    assertThat(rcpt.getHeader("Diagnostic-Code")[0])
        .isEqualTo("smtp; 550 5.1.1 <nobody@south.lab>: User unknown");
    assertThat(rcpt.getHeader("Last-Attempt-Date")).isNotNull();
    assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
    try (InputStream in = parts.getBodyPart(2).getInputStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("Subject: hello");
    }
  }

  @Test
  void aDelayNoticeSaysDelayedAndWhenItGivesUp() throws Exception {
    MimeMessage m =
        parse(
            DeliveryReport.render(
                DeliveryReport.Kind.DELAYED,
                "mail.north.lab",
                "MAILER-DAEMON@mail.north.lab",
                ENVELOPE,
                ENVELOPE.recipients().subList(1, 2),
                List.of("Subject: x"),
                ARRIVAL.plusSeconds(5 * 86400),
                NOW));
    assertThat(m.getSubject()).isEqualTo("Delayed Mail (still being retried)");
    InternetHeaders rcpt = fields(((MimeMultipart) m.getContent()).getBodyPart(1)).get(1);
    assertThat(rcpt.getHeader("Action")[0]).isEqualTo("delayed");
    assertThat(rcpt.getHeader("Status")[0]).isEqualTo("4.4.1");
    assertThat(rcpt.getHeader("Will-Retry-Until")[0]).isEqualTo("Thu, 3 Dec 2026 01:00:00 +0000");
  }

  @Test
  void statusCodesComeFromTheReply() {
    assertThat(DeliveryReport.status(DeliveryReport.Kind.FAILED, reply("550 5.7.1 no")))
        .isEqualTo("5.7.1");
    assertThat(DeliveryReport.status(DeliveryReport.Kind.FAILED, reply("550 weird")))
        .isEqualTo("5.0.0");
    assertThat(DeliveryReport.status(DeliveryReport.Kind.DELAYED, null)).isEqualTo("4.0.0");
    assertThat(DeliveryReport.status(DeliveryReport.Kind.DELAYED, reply("550 5.1.1 no")))
        .isEqualTo("4.1.1");
    assertThat(
            DeliveryReport.status(
                DeliveryReport.Kind.FAILED, reply("451 4.4.7 delivery time expired")))
        .isEqualTo("4.4.7");
  }

  private static SmtpReply reply(String text) {
    return SmtpReply.parse(text).orElseThrow();
  }
}
