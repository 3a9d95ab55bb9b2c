package mxlab.smtp.reply;

/**
 * The fixed replies, named, each with its enhanced status code (RFC 3463) and the RFC section that
 * calls for it.
 */
public final class Replies {
  private Replies() {}

  public static final Reply OK = Reply.of(250, "2.0.0", "Ok");
  public static final Reply SENDER_OK = Reply.of(250, "2.1.0", "Sender ok");
  public static final Reply RECIPIENT_OK = Reply.of(250, "2.1.5", "Recipient ok");
  public static final Reply START_DATA = Reply.plain(354, "End data with <CR><LF>.<CR><LF>");
  public static final Reply BYE = Reply.of(221, "2.0.0", "Bye");
  public static final Reply HELP =
      Reply.of(
          214,
          "2.0.0",
          "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS AUTH");

  /** RFC 5321 3.5.3: say neither yes nor no, so nobody can list our users. */
  public static final Reply CANNOT_VRFY =
      Reply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");

  public static final Reply EXPN_DISABLED = Reply.of(502, "5.5.1", "EXPN is not available");

  // 4.2.4 and 4.3.2: command errors
  public static final Reply UNKNOWN_COMMAND = Reply.of(500, "5.5.2", "Command not recognized");
  public static final Reply LINE_TOO_LONG =
      Reply.of(500, "5.5.2", "Line too long (RFC 5321 4.5.3.1.4)");

  /** 4.1.1.1: as Postfix answers a bad EHLO or HELO argument. */
  public static final Reply BAD_HELO =
      Reply.of(501, "5.5.4", "Say EHLO with your host name or address literal");

  public static final Reply SYNTAX = Reply.of(501, "5.5.4", "Syntax error in parameters");
  public static final Reply BAD_SEQUENCE = Reply.of(503, "5.5.1", "Bad sequence of commands");
  public static final Reply HELO_FIRST = Reply.of(503, "5.5.1", "Send EHLO or HELO first");
  public static final Reply MAIL_FIRST = Reply.of(503, "5.5.1", "Need MAIL before RCPT");
  public static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Sender already given");
  public static final Reply NO_RECIPIENTS = Reply.of(554, "5.5.1", "No valid recipients");
  public static final Reply UNSUPPORTED_PARAMETER =
      Reply.of(555, "5.5.4", "Unsupported MAIL or RCPT parameter");
  public static final Reply BAD_SENDER = Reply.of(501, "5.1.7", "Bad sender address syntax");
  public static final Reply BAD_RECIPIENT = Reply.of(501, "5.1.3", "Bad recipient address syntax");

  // policy
  public static final Reply ACCESS_DENIED = Reply.of(550, "5.7.1", "Access denied");
  public static final Reply CONNECT_DENIED = Reply.of(554, "5.7.1", "Access denied");
  public static final Reply RELAY_DENIED = Reply.of(550, "5.7.1", "Relaying denied");
  public static final Reply ROUTING_TRICK =
      Reply.of(550, "5.7.1", "Relaying denied: no %, ! or @ in the local part, please");
  public static final Reply USER_UNKNOWN = Reply.of(550, "5.1.1", "User unknown");
  public static final Reply ROUTING_LOOP = Reply.of(554, "5.4.6", "Routing loop detected");
  public static final Reply TOO_MANY_RECIPIENTS =
      Reply.of(452, "4.5.3", "Too many recipients (RFC 5321 4.5.3.1.10)");
  public static final Reply SIZE_EXCEEDED =
      Reply.of(552, "5.3.4", "Message size exceeds fixed limit");
  public static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required");

  // DATA content (RFC 5321 2.3.8, 4.5.3.1.6)
  public static final Reply BARE_NEWLINE =
      Reply.of(550, "5.6.0", "Message refused: bare CR or LF in DATA (RFC 5321 2.3.8)");
  public static final Reply DATA_LINE_TOO_LONG =
      Reply.of(550, "5.6.0", "Message refused: a line is longer than 1000 octets");
  public static final Reply LOCAL_ERROR =
      Reply.of(451, "4.3.0", "Local error in processing; please try again later");

  // STARTTLS (RFC 3207)
  public static final Reply TLS_READY = Reply.of(220, "2.0.0", "Ready to start TLS");
  public static final Reply TLS_UNAVAILABLE = Reply.of(454, "4.7.0", "TLS not available");
  public static final Reply TLS_ACTIVE = Reply.of(503, "5.5.1", "TLS already active");

  // AUTH (RFC 4954)
  public static final Reply AUTH_OK = Reply.of(235, "2.7.0", "Authentication successful");
  public static final Reply AUTH_FAILED =
      Reply.of(535, "5.7.8", "Authentication credentials invalid");
  public static final Reply AUTH_CANCELLED = Reply.of(501, "5.0.0", "Authentication cancelled");
  public static final Reply AUTH_BAD_MECHANISM =
      Reply.of(504, "5.5.4", "Unrecognized authentication type");
  public static final Reply AUTH_ALREADY = Reply.of(503, "5.5.1", "Already authenticated");
  public static final Reply AUTH_NEEDS_TLS =
      Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
  public static final Reply AUTH_BAD_BASE64 =
      Reply.of(501, "5.5.2", "Cannot decode the response (base64)");

  // closing (4.2.5: 421 closes the transmission channel)
  public static final Reply TIMEOUT =
      Reply.of(421, "4.4.2", "Timeout exceeded, closing connection");
  public static final Reply TOO_MANY_ERRORS =
      Reply.of(421, "4.7.0", "Too many errors, closing connection");
  public static final Reply TOO_MANY_AUTH_FAILURES =
      Reply.of(421, "4.7.0", "Too many failed logins, closing connection");
  public static final Reply TOO_MANY_CONNECTIONS =
      Reply.of(421, "4.7.0", "Too many connections, try again later");
  public static final Reply NOT_HTTP = Reply.of(421, "4.7.0", "This is an SMTP server, not HTTP");
  public static final Reply SHUTTING_DOWN = Reply.of(421, "4.3.2", "Service shutting down");
}
