package mxlab.net;

import org.apache.mina.core.buffer.IoBuffer;

/**
 * Follows the record layer of what a client sends (RFC 5246 6.2.1: a type octet, two of version,
 * two of length, then the body), reading the buffers without consuming them, to see a handshake
 * record start. Once the handshake is done a client sends none but to renegotiate: TLS 1.3 sends
 * its post-handshake messages as application_data records (RFC 8446 5.1).
 */
final class RecordScanner {
  private static final int HANDSHAKE = 22;
  private static final int HEADER = 5;

  private int headerSeen; // octets of the current record's header read so far
  private int length;
  private int bodyLeft;

  /**
   * Reads {@code in} on from where the last buffer ended; whether a handshake record starts in it.
   */
  boolean handshakeStartsIn(IoBuffer in) {
    boolean found = false;
    int i = in.position();
    int end = in.limit();
    while (i < end) {
      if (bodyLeft > 0) {
        int skip = Math.min(bodyLeft, end - i);
        bodyLeft -= skip;
        i += skip;
        continue;
      }
      int b = in.get(i++) & 0xff;
      switch (headerSeen++) {
        case 0 -> found |= b == HANDSHAKE;
        case 3 -> length = b << 8;
        case HEADER - 1 -> {
          bodyLeft = length | b;
          headerSeen = 0;
        }
        default -> {}
      }
    }
    return found;
  }
}
