package mxlab.core.spec;

import mxlab.core.reply.SmtpReply;

/**
 * An SMTP error a map entry answers with, like sendmail's {@code ERROR:5.7.1:550 text}.
 *
 * @param status the enhanced status code (RFC 3463), e.g. {@code 5.7.1}
 */
public record Rejection(int code, String status, String text) {
  public boolean permanent() {
    return code >= 500;
  }

  /** The reply it answers with. */
  public SmtpReply reply() {
    return SmtpReply.of(code, status, text);
  }

  /** sendmail's {@code 5.7.1:550 text}, which states status, code and text exactly. */
  public String sendmailForm() {
    return status + ":" + code + " " + text;
  }

  @Override
  public String toString() {
    return reply().toString();
  }
}
