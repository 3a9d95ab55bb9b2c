package mxlab.net;

import java.nio.charset.StandardCharsets;

/**
 * One received line, as a view into the {@link LineBuffer}: valid until more bytes are appended.
 *
 * @param length octets of content, without the line ending
 * @param crlf whether it ended with CRLF (false: a bare LF)
 * @param bareCr whether a CR appears inside it, not followed by LF
 * @param tooLong whether it was longer than allowed; its content is then cut and meaningless
 */
public record Line(
    byte[] bytes, int offset, int length, boolean crlf, boolean bareCr, boolean tooLong) {

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
