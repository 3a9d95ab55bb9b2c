package mxlab.net;

import java.io.IOException;

/**
 * What a line protocol (SMTP, POP3, IMAP) does with its {@link Connection}; the connection does the
 * rest: reading, framing, ordering, backpressure, replies, TLS and pauses.
 *
 * @param <U> the unit it handles: a line, or an IMAP command
 */
public interface Protocol<U> {
  /** The connection is open: greet, or refuse ({@link Connection#refusedByLimiter()}). */
  void opened();

  /** One unit arrived; replies go through the connection. */
  void received(U unit) throws IOException;

  /** The TLS handshake after STARTTLS is done: forget what was learned in the clear. */
  void secured();

  /** The idle timer or the whole-connection deadline ran out: answer and close. */
  void timedOut();

  /** A handler threw (a full disk, a bug): log it, answer, close. */
  void failed(Exception e);

  /** The connection is gone: release what it held, drop what was not acknowledged. */
  void closed();
}
