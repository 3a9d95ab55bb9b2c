package mxlab.core.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sendmail's error notations: {@code ERROR:"550 text"}, {@code ERROR:5.7.1:550 text} in the
 * access map, {@code error:nouser text} and {@code error:5.1.1:550 text} in the virtusertable.
 */
public final class Rejections {
  private static final String STATUS = "[245]\\.\\d{1,3}\\.\\d{1,3}";

  /** {@code [status:]code [status] text}: the status before the code or, as in a reply, after. */
  private static final Pattern FORM =
      Pattern.compile(
          "(?:(" + STATUS + "):)?([45]\\d\\d)(?:\\s+(?:(" + STATUS + ")(?:\\s+|$))?(.*))?",
          Pattern.DOTALL);

  private Rejections() {}

  /** Parses what follows {@code ERROR:} or {@code error:}. */
  public static Optional<Rejection> parse(String afterTag) {
    String s = unquote(afterTag.trim());
    if (s.toLowerCase().startsWith("nouser")) {
      String text = s.substring(6).trim();
      return Optional.of(new Rejection(550, "5.1.1", text.isEmpty() ? "User unknown" : text));
    }
    Matcher m = FORM.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    int code = Integer.parseInt(m.group(2));
    String given = m.group(1) != null ? m.group(1) : m.group(3);
    String status = given != null ? given : (code >= 500 ? "5.7.1" : "4.7.1");
    if (status.charAt(0) != m.group(2).charAt(0)) {
      return Optional.empty();
    }
    String text = m.group(4) == null ? "" : unquote(m.group(4).trim());
    return Optional.of(new Rejection(code, status, text.isEmpty() ? "Access denied" : text));
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
