package mxlab.net;

import org.apache.mina.core.buffer.IoBuffer;

/**
 * Spots a ClientHello of SSL 3.0, TLS 1.0 or TLS 1.1 in the first bytes of a connection, so it can
 * be answered with a protocol_version alert and one log line before the TLS engine fails on it with
 * a stack trace. TLS 1.2 and 1.3 clients both send client_version 3,3 (RFC 8446 4.1.2); older
 * clients send less, or an SSL 2.0 compatible hello (RFC 5246 E.2).
 */
final class LegacyHello {
  private static final int HANDSHAKE = 22;
  private static final int CLIENT_HELLO = 1;
  private static final int TLS12 = 0x0303;

  /** Record header (5), handshake type and length (4), client_version (2). */
  private static final int NEEDED = 11;

  private LegacyHello() {}

  /** The version an outdated ClientHello offers ("TLSv1.1"), or null for anything else. */
  static String outdatedVersion(IoBuffer in) {
    int p = in.position();
    if (in.remaining() >= 3 && (in.get(p) & 0x80) != 0 && in.get(p + 2) == CLIENT_HELLO) {
      return "SSLv2Hello";
    }
    if (in.remaining() < NEEDED || in.get(p) != HANDSHAKE || in.get(p + 5) != CLIENT_HELLO) {
      return null;
    }
    int version = ((in.get(p + 9) & 0xff) << 8) | (in.get(p + 10) & 0xff);
    return switch (version) {
      case 0x0300 -> "SSLv3";
      case 0x0301 -> "TLSv1";
      case 0x0302 -> "TLSv1.1";
      default -> version < TLS12 ? String.format("version 0x%04x", version) : null;
    };
  }

  /** A fatal protocol_version alert (RFC 5246 7.2.2) in a record of the client's version. */
  static byte[] protocolVersionAlert() {
    return new byte[] {21, 3, 1, 0, 2, 2, 70};
  }
}
