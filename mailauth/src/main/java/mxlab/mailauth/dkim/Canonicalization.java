package mxlab.mailauth.dkim;

import java.util.Arrays;
import java.util.Locale;

/** The two canonicalization algorithms of RFC 6376 3.4, for header fields and for the body. */
public enum Canonicalization {
  SIMPLE("simple"),
  RELAXED("relaxed");

  private final String tag;

  Canonicalization(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  public static Canonicalization of(String tag) {
    for (Canonicalization c : values()) {
      if (c.tag.equalsIgnoreCase(tag)) {
        return c;
      }
    }
    return null;
  }

  /** One header field (raw, CRLF-folded, without its last CRLF), with its CRLF (3.4.1, 3.4.2). */
  public String header(String raw) {
    if (this == SIMPLE) {
      return raw + "\r\n";
    }
    int colon = raw.indexOf(':');
    StringBuilder out = new StringBuilder(raw.length() + 2);
    out.append(raw.substring(0, colon).strip().toLowerCase(Locale.ROOT)).append(':');
    // unfold, runs of WSP become one SP, none before or after the value
    boolean space = false;
    boolean started = false;
    for (int i = colon + 1; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (ch == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
        i++;
      } else if (ch == ' ' || ch == '\t') {
        space = true;
      } else {
        if (space && started) {
          out.append(' ');
        }
        out.append(ch);
        space = false;
        started = true;
      }
    }
    return out.append("\r\n").toString();
  }

  /**
   * The body (CRLF lines), canonicalized (3.4.3, 3.4.4): relaxed makes each run of WSP one SP and
   * drops it at a line's end; both drop empty lines at the end and end the last line with CRLF; an
   * empty body is empty (relaxed) or one CRLF (simple). One pass over the octets: it runs for every
   * message signed or checked.
   */
  public byte[] body(byte[] body) {
    byte[] out = new byte[body.length + 2];
    int n = 0;
    int emptyLines = 0; // held back until a line with content follows
    int start = 0;
    while (start < body.length) {
      int lf = start;
      while (lf < body.length && body[lf] != '\n') {
        lf++;
      }
      int end = lf > start && lf < body.length && body[lf - 1] == '\r' ? lf - 1 : lf;
      int mark = n;
      if (emptyLines > 0) {
        n = crlfs(out, n, emptyLines); // written first, taken back if this line is empty too
      }
      int content = n;
      n = this == RELAXED ? relaxedLine(body, start, end, out, n) : copy(body, start, end, out, n);
      if (n == content) {
        n = mark;
        emptyLines++;
      } else {
        n = crlfs(out, n, 1);
        emptyLines = 0;
      }
      start = lf + 1;
    }
    if (this == SIMPLE && n == 0) {
      n = crlfs(out, n, 1);
    }
    return Arrays.copyOf(out, n);
  }

  private static int crlfs(byte[] out, int n, int count) {
    for (int i = 0; i < count; i++) {
      out[n++] = '\r';
      out[n++] = '\n';
    }
    return n;
  }

  private static int copy(byte[] in, int from, int to, byte[] out, int n) {
    System.arraycopy(in, from, out, n, to - from);
    return n + to - from;
  }

  private static int relaxedLine(byte[] in, int from, int to, byte[] out, int n) {
    boolean space = false;
    for (int i = from; i < to; i++) {
      byte b = in[i];
      if (b == ' ' || b == '\t') {
        space = true;
      } else {
        if (space) {
          out[n++] = ' ';
        }
        out[n++] = b;
        space = false;
      }
    }
    return n;
  }
}
