package mxlab.net;

import org.apache.mina.core.buffer.IoBuffer;

/**
 * How a protocol cuts what it receives into units: lines (SMTP, POP3), or commands with their
 * literals (IMAP). It never buffers without bound: over-long units are reported, not kept.
 *
 * @param <U> the unit a protocol handles
 */
public interface Framing<U> {
  void append(IoBuffer received);

  /** The next complete unit, or null until more octets arrive. */
  U next();

  /** Drops everything buffered (after STARTTLS: RFC 3207 4.2, CVE-2011-0411). */
  void clear();
}
