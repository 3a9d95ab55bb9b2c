package mxlab.net;

import java.nio.charset.StandardCharsets;

/**
 * One received line, as a view into the {@link LineBuffer}: valid until more bytes are appended.
 *
 * @param length octets of content, without the line ending
 * @param crlf whether it ended with CRLF (false: a bare LF)
 * @param bareCr whether a CR appears inside it, not followed by LF
 * @param tooLong whether it was longer than allowed; its content is then cut and meaningless
 * @param afterCrlf whether the line before it ended with CRLF (true for the first line): only then
 *     does it start a line in RFC 5321's sense, so only then can "." end DATA (4.1.1.4)
 */
public record Line(
    byte[] bytes,
    int offset,
    int length,
    boolean crlf,
    boolean bareCr,
    boolean tooLong,
    boolean afterCrlf) {

  public String text() {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  /** Whether the content is exactly {@code s} (ASCII). */
  public boolean is(String s) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[offset + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  public byte at(int index) {
    return bytes[offset + index];
  }
}
