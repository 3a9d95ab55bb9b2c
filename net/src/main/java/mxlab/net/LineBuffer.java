package mxlab.net;

import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;

/**
 * Collects received bytes and hands out complete lines (RFC 5321 2.3.8: lines end with CRLF), never
 * holding an over-long line: past the limit the rest of that line is skipped and the line is
 * reported as too long, so a client cannot make the server buffer without end.
 */
public final class LineBuffer {
  private byte[] buf = new byte[8192];
  private int start;
  private int end;
  private int scanned;
  private boolean skipping;

  public void append(IoBuffer in) {
    int n = in.remaining();
    makeRoom(n);
    in.get(buf, end, n);
    end += n;
  }

  public void append(byte[] bytes) {
    makeRoom(bytes.length);
    System.arraycopy(bytes, 0, buf, end, bytes.length);
    end += bytes.length;
  }

  private void makeRoom(int n) {
    if (end + n <= buf.length) {
      return;
    }
    int live = end - start;
    if (live + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, live + n));
    }
    System.arraycopy(buf, start, buf, 0, live);
    scanned -= start;
    end = live;
    start = 0;
  }

  /**
   * The next complete line of at most {@code max} octets including its ending, a too-long line, or
   * null when no complete line is buffered yet.
   */
  public Line next(int max) {
    while (true) {
      int lf = indexOfLf();
      if (skipping) {
        if (lf < 0) {
          start = end;
          scanned = end;
          return null;
        }
        skipping = false;
        consume(lf + 1);
        continue;
      }
      if (lf < 0) {
        scanned = end;
        if (end - start > max) {
          Line cut = new Line(buf, start, 0, false, false, true);
          skipping = true;
          start = end;
          scanned = end;
          return cut;
        }
        return null;
      }
      int lineStart = start;
      consume(lf + 1);
      if (lf + 1 - lineStart > max) {
        return new Line(buf, lineStart, 0, false, false, true);
      }
      boolean crlf = lf > lineStart && buf[lf - 1] == '\r';
      int length = lf - lineStart - (crlf ? 1 : 0);
      boolean bareCr = false;
      for (int i = lineStart; i < lineStart + length; i++) {
        if (buf[i] == '\r') {
          bareCr = true;
          break;
        }
      }
      return new Line(buf, lineStart, length, crlf, bareCr, false);
    }
  }

  private int indexOfLf() {
    for (int i = Math.max(scanned, start); i < end; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void consume(int upTo) {
    start = upTo;
    scanned = upTo;
  }

  /** Drops everything buffered, as after STARTTLS (RFC 3207 4.2, CVE-2011-0411). */
  public void clear() {
    start = 0;
    end = 0;
    scanned = 0;
    skipping = false;
  }

  public boolean isEmpty() {
    return start == end;
  }
}
