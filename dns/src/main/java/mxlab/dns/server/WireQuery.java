package mxlab.dns.server;

/**
 * Reads the common query shape straight from the packet: one question, no answer or authority
 * records, at most an OPT record, no name compression. Anything else goes the slow way, through
 * dnsjava's full parser.
 */
final class WireQuery {
  static final int HEADER = 12;
  private static final int TYPE_OPT = 41;

  final WireKey key = new WireKey(255 + 5);
  int qnameLength;
  int qtype;
  int qclass;
  boolean edns;
  int payload;

  /** Whether {@code b[0..len)} is a plain query; fills the fields and the key if so. */
  boolean parse(byte[] b, int len) {
    if (len < HEADER + 5) {
      return false;
    }
    int flags = u16(b, 2);
    int opcode = (flags >>> 11) & 0xF;
    if ((flags & 0x8000) != 0 || opcode != 0) {
      return false;
    }
    int qd = u16(b, 4);
    int an = u16(b, 6);
    int ns = u16(b, 8);
    int ar = u16(b, 10);
    if (qd != 1 || an != 0 || ns != 0 || ar > 1) {
      return false;
    }
    int p = HEADER;
    byte[] k = key.bytes;
    int kl = 0;
    while (true) {
      if (p >= len) {
        return false;
      }
      int labelLength = b[p] & 0xFF;
      if (labelLength >= 64 || p + 1 + labelLength > len || kl + 1 + labelLength > 255) {
        return false; // a compression pointer, an extended label, or too long
      }
      k[kl++] = (byte) labelLength;
      p++;
      if (labelLength == 0) {
        break;
      }
      for (int i = 0; i < labelLength; i++) {
        byte c = b[p++];
        k[kl++] = (c >= 'A' && c <= 'Z') ? (byte) (c + 32) : c;
      }
    }
    qnameLength = p - HEADER;
    if (p + 4 > len) {
      return false;
    }
    qtype = u16(b, p);
    qclass = u16(b, p + 2);
    p += 4;
    edns = false;
    boolean dnssecOk = false;
    if (ar == 1) {
      // OPT: root name, type 41, class = payload size, TTL = xrcode|version|flags, rdata
      if (p + 11 > len || b[p] != 0 || u16(b, p + 1) != TYPE_OPT || b[p + 6] != 0) {
        return false; // not OPT, or EDNS version other than 0: the slow path answers BADVERS
      }
      payload = u16(b, p + 3);
      dnssecOk = (b[p + 7] & 0x80) != 0;
      int rdlength = u16(b, p + 9);
      p += 11 + rdlength;
      edns = true;
    }
    if (p != len) {
      return false;
    }
    k[kl++] = (byte) (qtype >>> 8);
    k[kl++] = (byte) qtype;
    k[kl++] = (byte) (qclass >>> 8);
    k[kl++] = (byte) qclass;
    k[kl++] = (byte) ((edns ? 1 : 0) | (dnssecOk ? 2 : 0));
    key.length = kl;
    key.seal();
    return true;
  }

  /** The most this client takes over UDP (RFC 6891 6.2.3, RFC 1035 4.2.1). */
  int udpLimit() {
    return edns ? Math.max(512, Math.min(payload, QueryProcessor.MAX_UDP_PAYLOAD)) : 512;
  }

  boolean dnssecOk() {
    return (key.bytes[key.length - 1] & 2) != 0;
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }
}
