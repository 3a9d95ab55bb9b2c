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

  /** Whether the line being read follows a CRLF; for a skipped line, known only at its end. */
  private boolean afterCrlf = true;

  /** Whether the last octet skipped of an over-long line was a CR (its LF may come next). */
  private boolean skippedCr;

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
          skip();
          return null;
        }
        skipping = false;
        afterCrlf = lf > start ? buf[lf - 1] == '\r' : skippedCr;
        consume(lf + 1);
        continue;
      }
      if (lf < 0) {
        scanned = end;
        if (end - start > max) {
          Line cut = new Line(buf, start, 0, false, false, true, afterCrlf);
          skipping = true;
          skip();
          return cut;
        }
        return null;
      }
      int lineStart = start;
      boolean clean = afterCrlf;
      consume(lf + 1);
      boolean crlf = lf > lineStart && buf[lf - 1] == '\r';
      afterCrlf = crlf;
      if (lf + 1 - lineStart > max) {
        return new Line(buf, lineStart, 0, false, false, true, clean);
      }
      int length = lf - lineStart - (crlf ? 1 : 0);
      boolean bareCr = false;
      for (int i = lineStart; i < lineStart + length; i++) {
        if (buf[i] == '\r') {
          bareCr = true;
          break;
        }
      }
      return new Line(buf, lineStart, length, crlf, bareCr, false, clean);
    }
  }

  /** Drops what is buffered of an over-long line, remembering whether it ended in a CR. */
  private void skip() {
    if (end > start) {
      skippedCr = buf[end - 1] == '\r';
    }
    start = end;
    scanned = end;
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
    afterCrlf = true;
    skippedCr = false;
  }

  public boolean isEmpty() {
    return start == end;
  }
}
