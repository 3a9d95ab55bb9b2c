package mxlab.core.spec;

import java.time.Duration;

/**
 * What one client may use. Defaults follow RFC 5321 4.5.3 and common MTA practice.
 *
 * @param commandTimeout waiting for the next command (RFC 5321 4.5.3.2.7: 5 minutes)
 * @param dataTimeout waiting for the next chunk of DATA (4.5.3.2.6: 3 minutes)
 * @param sessionTimeout the whole connection, however busy
 * @param pop3Timeout RFC 1939's autologout timer (at least 10 minutes)
 * @param preauthTimeout waiting for a client that has not proved itself: SMTP's first command, a
 *     POP3 or IMAP login (then the timeouts above, if this is longer)
 * @param maxErrors wrong commands in a row before 421 and close
 * @param authFailures failed logins in one session before 421 and close
 * @param authDelay how long a failed login waits before its answer
 */
public record Limits(
    int connections,
    int connectionsPerIp,
    int maxRecipients,
    int maxErrors,
    int authFailures,
    Duration commandTimeout,
    Duration dataTimeout,
    Duration sessionTimeout,
    Duration pop3Timeout,
    Duration preauthTimeout,
    Duration authDelay) {

  public static Limits defaults() {
    return new Limits(
        500,
        20,
        100,
        10,
        3,
        Duration.ofMinutes(5),
        Duration.ofMinutes(3),
        Duration.ofMinutes(30),
        Duration.ofMinutes(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(1));
  }
}
