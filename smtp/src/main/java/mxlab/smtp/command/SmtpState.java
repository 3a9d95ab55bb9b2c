package mxlab.smtp.command;

/** Where an SMTP dialogue is (RFC 5321 4.1.4); commands declare the states they may run in. */
public enum SmtpState {
  /** Greeting sent; EHLO or HELO expected. */
  CONNECTED,
  /** Greeted; no mail transaction. */
  READY,
  /** MAIL accepted; RCPT expected. */
  MAIL,
  /** At least one recipient accepted; more RCPT or DATA. */
  RCPT,
  /** Reading the message after 354. */
  DATA,
  /** STARTTLS answered; the handshake is under way and input is not commands. */
  TLS_HANDSHAKE,
  /** 221 or 421 sent; nothing more is read. */
  CLOSING
}
