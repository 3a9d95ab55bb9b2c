package mxlab.smtp.reply;

import mxlab.core.reply.SmtpReply;

/**
 * The fixed replies, named, each with its enhanced status code (RFC 3463) and the RFC section that
 * calls for it.
 */
public final class Replies {
  private Replies() {}

  public static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "Ok");
  public static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender ok");
  public static final SmtpReply RECIPIENT_OK = SmtpReply.of(250, "2.1.5", "Recipient ok");
  public static final SmtpReply START_DATA =
      SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>");
  public static final SmtpReply BYE = SmtpReply.of(221, "2.0.0", "Bye");
  public static final SmtpReply HELP =
      SmtpReply.of(
          214,
          "2.0.0",
          "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS AUTH");

  /** RFC 5321 3.5.3: say neither yes nor no, so nobody can list our users. */
  public static final SmtpReply CANNOT_VRFY =
      SmtpReply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");

  public static final SmtpReply EXPN_DISABLED = SmtpReply.of(502, "5.5.1", "EXPN is not available");

  // 4.2.4 and 4.3.2: command errors
  public static final SmtpReply UNKNOWN_COMMAND =
      SmtpReply.of(500, "5.5.2", "Command not recognized");
  public static final SmtpReply LINE_TOO_LONG =
      SmtpReply.of(500, "5.5.2", "Line too long (RFC 5321 4.5.3.1.4)");

  /** 4.1.1.1: as Postfix answers a bad EHLO or HELO argument. */
  public static final SmtpReply BAD_HELO =
      SmtpReply.of(501, "5.5.4", "Say EHLO with your host name or address literal");

  public static final SmtpReply SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax error in parameters");
  public static final SmtpReply BAD_SEQUENCE =
      SmtpReply.of(503, "5.5.1", "Bad sequence of commands");
  public static final SmtpReply HELO_FIRST = SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first");
  public static final SmtpReply MAIL_FIRST = SmtpReply.of(503, "5.5.1", "Need MAIL before RCPT");
  public static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Sender already given");
  public static final SmtpReply NO_RECIPIENTS = SmtpReply.of(554, "5.5.1", "No valid recipients");
  public static final SmtpReply UNSUPPORTED_PARAMETER =
      SmtpReply.of(555, "5.5.4", "Unsupported MAIL or RCPT parameter");
  public static final SmtpReply BAD_SENDER =
      SmtpReply.of(501, "5.1.7", "Bad sender address syntax");
  public static final SmtpReply BAD_RECIPIENT =
      SmtpReply.of(501, "5.1.3", "Bad recipient address syntax");

  // policy
  public static final SmtpReply ACCESS_DENIED = SmtpReply.of(550, "5.7.1", "Access denied");
  public static final SmtpReply CONNECT_DENIED = SmtpReply.of(554, "5.7.1", "Access denied");
  public static final SmtpReply RELAY_DENIED = SmtpReply.of(550, "5.7.1", "Relaying denied");
  public static final SmtpReply ROUTING_TRICK =
      SmtpReply.of(550, "5.7.1", "Relaying denied: no %, ! or @ in the local part, please");
  public static final SmtpReply USER_UNKNOWN = SmtpReply.of(550, "5.1.1", "User unknown");
  public static final SmtpReply ROUTING_LOOP = SmtpReply.of(554, "5.4.6", "Routing loop detected");
  public static final SmtpReply TOO_MANY_RECIPIENTS =
      SmtpReply.of(452, "4.5.3", "Too many recipients (RFC 5321 4.5.3.1.10)");
  public static final SmtpReply SIZE_EXCEEDED =
      SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit");
  public static final SmtpReply AUTH_REQUIRED =
      SmtpReply.of(530, "5.7.0", "Authentication required");

  // DATA content (RFC 5321 2.3.8, 4.5.3.1.6)
  public static final SmtpReply BARE_NEWLINE =
      SmtpReply.of(550, "5.6.0", "Message refused: bare CR or LF in DATA (RFC 5321 2.3.8)");
  public static final SmtpReply DATA_LINE_TOO_LONG =
      SmtpReply.of(550, "5.6.0", "Message refused: a line is longer than 1000 octets");
  public static final SmtpReply LOCAL_ERROR =
      SmtpReply.of(451, "4.3.0", "Local error in processing; please try again later");

  // STARTTLS (RFC 3207)
  public static final SmtpReply TLS_READY = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
  public static final SmtpReply TLS_UNAVAILABLE = SmtpReply.of(454, "4.7.0", "TLS not available");
  public static final SmtpReply TLS_ACTIVE = SmtpReply.of(503, "5.5.1", "TLS already active");

  // AUTH (RFC 4954)
  public static final SmtpReply AUTH_OK = SmtpReply.of(235, "2.7.0", "Authentication successful");
  public static final SmtpReply AUTH_FAILED =
      SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
  public static final SmtpReply AUTH_CANCELLED =
      SmtpReply.of(501, "5.0.0", "Authentication cancelled");
  public static final SmtpReply AUTH_BAD_MECHANISM =
      SmtpReply.of(504, "5.5.4", "Unrecognized authentication type");
  public static final SmtpReply AUTH_ALREADY = SmtpReply.of(503, "5.5.1", "Already authenticated");
  public static final SmtpReply AUTH_NEEDS_TLS =
      SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
  public static final SmtpReply AUTH_BAD_BASE64 =
      SmtpReply.of(501, "5.5.2", "Cannot decode the response (base64)");

  // closing (4.2.5: 421 closes the transmission channel)
  public static final SmtpReply TIMEOUT =
      SmtpReply.of(421, "4.4.2", "Timeout exceeded, closing connection");
  public static final SmtpReply TOO_MANY_ERRORS =
      SmtpReply.of(421, "4.7.0", "Too many errors, closing connection");
  public static final SmtpReply TOO_MANY_AUTH_FAILURES =
      SmtpReply.of(421, "4.7.0", "Too many failed logins, closing connection");
  public static final SmtpReply TOO_MANY_CONNECTIONS =
      SmtpReply.of(421, "4.7.0", "Too many connections, try again later");
  public static final SmtpReply NOT_HTTP =
      SmtpReply.of(421, "4.7.0", "This is an SMTP server, not HTTP");
  public static final SmtpReply SHUTTING_DOWN = SmtpReply.of(421, "4.3.2", "Service shutting down");
}
