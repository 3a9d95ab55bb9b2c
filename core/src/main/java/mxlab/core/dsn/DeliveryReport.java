package mxlab.core.dsn;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mxlab.core.queue.Envelope;
import mxlab.core.reply.SmtpReply;

/**
 * A delivery status notification (RFC 3464): multipart/report with a human-readable part, the
 * machine-readable message/delivery-status, and the original message's header (RFC 6522 3). From
 * the MAILER-DAEMON, to the envelope sender, sent with the null reverse path.
 */
public final class DeliveryReport {
  /** RFC 5322 date-time, as in Arrival-Date and Last-Attempt-Date. */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What happened: the whole message bounced, or it is delayed and still being tried. */
  public enum Kind {
    FAILED("failed", "Undelivered Mail Returned to Sender"),
    DELAYED("delayed", "Delayed Mail (still being retried)");

    private final String action;
    private final String subject;

    Kind(String action, String subject) {
      this.action = action;
      this.subject = subject;
    }
  }

  private DeliveryReport() {}

  /**
   * The notice as message lines (no line ends).
   *
   * @param recipients the recipients it reports on, with their last diagnostics
   * @param originalHeader the header section of the original message, one field line per entry
   * @param retryUntil for a delay notice, when the message will be returned (Will-Retry-Until)
   */
  public static List<String> render(
      Kind kind,
      String reportingMta,
      String mailerDaemon,
      Envelope envelope,
      List<Envelope.Recipient> recipients,
      List<String> originalHeader,
      Instant retryUntil,
      Instant now) {
    String boundary = "mxlab-" + Long.toHexString(RANDOM.nextLong());
    List<String> out = new ArrayList<>();
    out.add("From: Mail Delivery Subsystem <" + mailerDaemon + ">");
    out.add("To: <" + envelope.sender() + ">");
    out.add("Subject: " + kind.subject);
    out.add("Date: " + date(now));
    out.add("Message-ID: <" + envelope.id() + "." + kind.action + "@" + reportingMta + ">");
    out.add("Auto-Submitted: auto-replied"); // RFC 3834: no vacation replies to this
    out.add("MIME-Version: 1.0");
    out.add("Content-Type: multipart/report; report-type=delivery-status;");
    out.add("\tboundary=\"" + boundary + "\"");
    out.add("");
    out.add("This is a MIME-encapsulated message.");
    out.add("");
    out.add("--" + boundary);
    out.add("Content-Type: text/plain; charset=utf-8");
    out.add("Content-Transfer-Encoding: 8bit");
    out.add("");
    out.addAll(humanText(kind, reportingMta, recipients));
    out.add("");
    out.add("--" + boundary);
    out.add("Content-Type: message/delivery-status");
    out.add("");
    out.add("Reporting-MTA: dns; " + reportingMta);
    out.add("X-Mxlab-Queue-ID: " + envelope.id());
    out.add("Arrival-Date: " + date(envelope.arrival()));
    for (Envelope.Recipient r : recipients) {
      out.add("");
      out.add("Final-Recipient: rfc822; " + r.address());
      out.add("Action: " + kind.action);
      out.add("Status: " + status(kind, r.reply()));
      if (!r.mta().isEmpty()) {
        out.add("Remote-MTA: dns; " + r.mta());
      }
      if (!r.diagnostic().isEmpty()) {
        out.add("Diagnostic-Code: smtp; " + r.diagnostic());
      }
      if (envelope.lastAttempt() != null) {
        out.add("Last-Attempt-Date: " + date(envelope.lastAttempt()));
      }
      if (kind == Kind.DELAYED && retryUntil != null) {
        out.add("Will-Retry-Until: " + date(retryUntil));
      }
    }
    out.add("");
    out.add("--" + boundary);
    out.add("Content-Type: text/rfc822-headers");
    out.add("");
    out.addAll(originalHeader);
    out.add("");
    out.add("--" + boundary + "--");
    return out;
  }

  private static List<String> humanText(
      Kind kind, String reportingMta, List<Envelope.Recipient> recipients) {
    List<String> text = new ArrayList<>();
    text.add("This is the mail system at host " + reportingMta + ".");
    text.add("");
    if (kind == Kind.FAILED) {
      text.add("I'm sorry to have to inform you that your message could not");
      text.add("be delivered to one or more recipients. It's attached below.");
    } else {
      text.add("Your message could not be delivered yet to one or more recipients.");
      text.add("It will be retried; you do not need to send it again.");
    }
    text.add("");
    for (Envelope.Recipient r : recipients) {
      String why = r.diagnostic().isEmpty() ? "no reason given" : r.diagnostic();
      text.add(
          "<"
              + r.address()
              + ">: "
              + (r.mta().isEmpty() ? "" : "host " + r.mta() + " said: ")
              + why);
    }
    return text;
  }

  /**
   * The Status field (RFC 3464 2.3.4): the last reply's enhanced status code (RFC 3463) if it has
   * one, else a generic one of the notice's class; a delay notice is never of class 5.
   */
  static String status(Kind kind, SmtpReply reply) {
    String status = reply == null ? null : reply.status();
    if (status == null) {
      return kind == Kind.FAILED ? "5.0.0" : "4.0.0";
    }
    return kind == Kind.DELAYED && status.startsWith("5") ? "4" + status.substring(1) : status;
  }

  private static String date(Instant instant) {
    return DATE.format(ZonedDateTime.ofInstant(instant, ZoneId.systemDefault()));
  }

  /** The header section of a stored message (after {@code skip} octets), unfolded lines kept. */
  public static List<String> header(byte[] message, long skip) {
    List<String> lines = new ArrayList<>();
    String text =
        new String(message, (int) skip, message.length - (int) skip, StandardCharsets.UTF_8);
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() || line.equals("\r")) {
        break;
      }
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    return lines;
  }
}
