package mxlab.pop3.reply;

import java.nio.charset.StandardCharsets;

/**
 * POP3 status lines (RFC 1939 3) with the response codes of RFC 2449 8 and RFC 3206: [IN-USE],
 * [AUTH], [SYS/TEMP], [SYS/PERM]. Fixed replies are precomputed.
 */
public final class Pop3Reply {
  public static final byte[] OK = ok("");
  public static final byte[] NOT_IN_TRANSACTION = err("not in TRANSACTION state");
  public static final byte[] NOT_IN_AUTHORIZATION = err("not in AUTHORIZATION state");
  public static final byte[] UNKNOWN_COMMAND = err("Unknown command");
  public static final byte[] SYNTAX = err("Syntax error in arguments");
  public static final byte[] NO_SUCH_MESSAGE = err("No such message");
  public static final byte[] ALREADY_DELETED = err("Message is deleted");
  public static final byte[] LINE_TOO_LONG = err("Line too long");
  public static final byte[] AUTH_FAILED = err("[AUTH] Authentication failed");
  public static final byte[] PLAINTEXT_DISALLOWED =
      err("[AUTH] Plaintext authentication disallowed without TLS; use STLS first");
  public static final byte[] USER_FIRST = err("USER first");
  public static final byte[] IN_USE = err("[IN-USE] Mailbox is locked by another POP3 session");
  public static final byte[] TOO_MANY_CONNECTIONS =
      err("[SYS/TEMP] Too many connections, try again later");
  public static final byte[] TOO_MANY_ERRORS = err("Too many errors, closing connection");
  public static final byte[] TOO_MANY_FAILURES =
      err("[AUTH] Too many failed logins, closing connection");
  public static final byte[] TIMEOUT = err("Autologout; idle for too long");
  public static final byte[] PREAUTH_TIMEOUT = err("Disconnected for inactivity");
  public static final byte[] TLS_UNAVAILABLE = err("[SYS/PERM] TLS not available");
  public static final byte[] TLS_ACTIVE = err("TLS already active");
  public static final byte[] BEGIN_TLS = ok("Begin TLS negotiation");
  public static final byte[] AUTH_CANCELLED = err("Authentication cancelled");
  public static final byte[] UNKNOWN_MECHANISM = err("Unknown authentication mechanism");
  public static final byte[] MAILBOX_ERROR = err("[SYS/TEMP] Cannot open the mailbox, try later");

  private Pop3Reply() {}

  public static byte[] ok(String text) {
    return line(text.isEmpty() ? "+OK" : "+OK " + text);
  }

  public static byte[] err(String text) {
    return line("-ERR " + text);
  }

  public static byte[] line(String text) {
    return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  public static boolean isError(byte[] reply) {
    return reply.length > 0 && reply[0] == '-';
  }
}
