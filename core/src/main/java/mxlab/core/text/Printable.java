package mxlab.core.text;

import java.nio.charset.StandardCharsets;

/**
 * Control characters made visible, for log lines and console output. Text from the network (AUTH
 * and USER names, EHLO names, addresses, subjects, remote replies) must not end a log line early,
 * forge a second one, or send escape sequences to an admin's terminal.
 *
 * <p>The escape: a backslash and three octal digits for each UTF-8 byte of the character, as C and
 * syslog write them: CR is {@code \015}, LF {@code \012}, ESC {@code \033}, TAB {@code \011}, NEL
 * (U+0085) {@code \302\205}. Escaped are the C0 and C1 controls and DEL (Unicode category Cc), the
 * line and paragraph separators U+2028 and U+2029, and the bidirectional overrides and isolates
 * that reorder what a terminal shows (U+202A..U+202E, U+2066..U+2069, CVE-2021-42574). Everything
 * else, UTF-8 text included, stays as it is, and so does the backslash itself: escaped text is for
 * people to read, and escaping it again changes nothing.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} with every control character escaped; {@code "null"} for null, as SLF4J does. */
  public static String escape(Object text) {
    String s = String.valueOf(text);
    int i = 0;
    while (i < s.length() && !isControl(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      append(b, s.charAt(i));
    }
    return b.toString();
  }

  /** Each argument escaped, for an SLF4J call whose every value may come from a client. */
  public static Object[] escapeAll(Object... args) {
    Object[] escaped = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      escaped[i] = escape(args[i]);
    }
    return escaped;
  }

  /** Appends {@code c}, escaped if it is a control character. */
  public static void append(StringBuilder b, char c) {
    if (!isControl(c)) {
      b.append(c);
      return;
    }
    for (byte octet : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
      int v = octet & 0xff;
      b.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)));
      b.append((char) ('0' + (v & 7)));
    }
  }

  /** Whether {@code c} is one of the characters this class escapes (all are in the BMP). */
  public static boolean isControl(char c) {
    return Character.getType(c) == Character.CONTROL
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
