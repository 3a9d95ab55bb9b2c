package mxlab.imap.mime;

import java.io.ByteArrayOutputStream;

/**
 * Maildirs store LF line ends; IMAP counts and sends CRLF (RFC 3501 2.3.4, 6.4.5). The CRLF form
 * ends with a line end, as {@link mxlab.core.store.MessageRendering#crlfSize} counts it.
 */
public final class LineEnds {
  private LineEnds() {}

  public static byte[] toCrlf(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 30 + 2);
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n' && (i == 0 || content[i - 1] != '\r')) {
        out.write('\r');
      }
      out.write(content[i]);
    }
    if (content.length > 0 && content[content.length - 1] != '\n') {
      out.write('\r');
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** As stored: CRLF becomes LF (APPEND). */
  public static byte[] toLf(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
        continue;
      }
      out.write(content[i]);
    }
    return out.toByteArray();
  }
}
