package mxlab.core.store;

import java.io.ByteArrayOutputStream;

/**
 * A stored message (LF or CRLF line ends) as it goes over the wire in a POP3 multi-line reply: CRLF
 * line ends, dot-stuffed (RFC 1939 3), the last line ended, then the terminating dot.
 */
public final class MessageRendering {
  private MessageRendering() {}

  /** The octets a client sees for {@code content}, without dot-stuffing. */
  public static long crlfSize(byte[] content) {
    long size = content.length;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n' && (i == 0 || content[i - 1] != '\r')) {
        size++;
      }
    }
    if (content.length > 0 && content[content.length - 1] != '\n') {
      size += 2;
    }
    return size;
  }

  /**
   * Writes {@code content} to {@code out}, stuffed and terminated. With {@code bodyLines} >= 0 only
   * the header and that many body lines are written (TOP).
   */
  public static void render(byte[] content, int bodyLines, ByteArrayOutputStream out) {
    boolean lineStart = true;
    boolean inBody = false;
    boolean emptyLine = true;
    int body = 0;
    for (int i = 0; i < content.length; i++) {
      byte b = content[i];
      if (lineStart) {
        if (inBody && bodyLines >= 0 && body++ >= bodyLines) {
          break;
        }
        if (b == '.') {
          out.write('.');
        }
        lineStart = false;
        emptyLine = true;
      }
      if (b == '\n') {
        if (i == 0 || content[i - 1] != '\r') {
          out.write('\r');
        }
        out.write('\n');
        if (emptyLine) {
          inBody = true;
        }
        lineStart = true;
        continue;
      }
      if (b != '\r') {
        emptyLine = false;
      }
      out.write(b);
    }
    if (!lineStart) {
      out.write('\r');
      out.write('\n');
    }
    out.write('.');
    out.write('\r');
    out.write('\n');
  }
}
