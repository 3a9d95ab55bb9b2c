package mxlab.smtp.data;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The header fields a receiving MTA adds: Return-Path, Received (RFC 5321 4.4), and for submission
 * the Message-ID and Date a client left out (RFC 6409 8.3).
 */
public final class TraceHeaders {
  /** RFC 5322 3.3 date-time, with a numeric zone. */
  public static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

  private TraceHeaders() {}

  /**
   * What a Received: line says about the session.
   *
   * @param protocol SMTP, ESMTP, ESMTPS, ESMTPA or ESMTPSA (RFC 3848)
   * @param tls e.g. "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384", or empty
   * @param user the authenticated login, or null
   * @param recipient the single recipient, or null when there are several
   */
  public record Session(
      String helo,
      String clientName,
      String clientAddress,
      String hostname,
      String protocol,
      String tls,
      String user,
      String id,
      String recipient) {}

  public static String returnPath(String sender) {
    return "Return-Path: <" + sender + ">";
  }

  public static String received(Session s, ZonedDateTime when) {
    StringBuilder b = new StringBuilder("Received: from ");
    b.append(s.helo() == null ? "unknown" : s.helo());
    b.append(" (")
        .append(s.clientName() == null ? "unknown" : s.clientName())
        .append(" [")
        .append(s.clientAddress())
        .append("])");
    b.append("\n\tby ").append(s.hostname()).append(" (mxlab) with ").append(s.protocol());
    b.append(" id ").append(s.id());
    if (!s.tls().isEmpty()) {
      b.append("\n\t(using ").append(s.tls()).append(')');
    }
    if (s.user() != null) {
      b.append("\n\t(authenticated as ").append(s.user()).append(')');
    }
    if (s.recipient() != null) {
      b.append("\n\tfor <").append(s.recipient()).append('>');
    }
    b.append("; ").append(DATE.format(when));
    return b.toString();
  }

  public static String messageId(String id, String hostname) {
    return "Message-ID: <" + id + "@" + hostname + ">";
  }

  public static String date(ZonedDateTime when) {
    return "Date: " + DATE.format(when);
  }
}
