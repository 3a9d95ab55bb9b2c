package mxlab.junit.remote;

/** Where in an SMTP transaction a remote fault strikes. */
public enum Stage {
  /** When the connection is accepted, instead of the 220 greeting. */
  GREETING,
  EHLO,
  /**
   * At STARTTLS (when offered), before 220: a reply is a site whose TLS is broken, such as "454
   * 4.7.0 TLS not available".
   */
  STARTTLS,
  MAIL,
  /** At each RCPT TO. */
  RCPT,
  /** At the DATA command, before 354. */
  DATA,
  /** After the message's final dot, instead of 250 (the message is then not captured). */
  MESSAGE
}
