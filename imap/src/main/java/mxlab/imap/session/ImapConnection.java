package mxlab.imap.session;

import java.net.InetAddress;

/** What the transport (a socket, TLS, a test) does for an {@link ImapSession}. */
public interface ImapConnection {
  /** Queues octets for the client. */
  void send(byte[] octets);

  /** Sends what is queued. */
  void flush();

  /**
   * Sends what is queued of a long response and returns once the client has nearly caught up, so
   * that the response is made as fast as it is read and never whole in memory.
   */
  void stream();

  /** A login succeeded: the autologout timer of RFC 3501 5.4 replaces the preauth_timeout. */
  void loggedIn();

  /** Closes the connection once what is queued is sent. */
  void close();

  /**
   * Upgrades to TLS (RFC 3501 6.2.1): {@code ready}, the tagged OK, goes out in the clear once the
   * TLS layer is in place, so that a client's ClientHello can never be read as plain text.
   */
  void startTls(byte[] ready);

  /** Whether the connection is encrypted (STARTTLS done, or IMAPS). */
  boolean secure();

  InetAddress client();

  /**
   * Runs {@code r} later on the session's own thread, never while a command runs: how IDLE pushes
   * and changes heard from other threads reach the session.
   */
  void execute(Runnable r);
}
