package mxlab.smtp.envelope;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mxlab.core.address.MailAddress;

/**
 * The argument of MAIL FROM: and RCPT TO: (RFC 5321 4.1.2): a path in angle brackets, an optional
 * source route that is dropped (Appendix C: servers ignore it), and ESMTP parameters.
 *
 * @param address null for the null reverse-path {@code <>}
 * @param rawLocal the local part as sent, to spot quoted routing tricks
 */
public record MailPath(MailAddress address, String rawLocal, Map<String, String> params) {

  /** Parses {@code FROM:<a@b> SIZE=10}; empty when the syntax is wrong. */
  public static Optional<MailPath> parse(String argument, String keyword) {
    String arg = argument.trim();
    if (arg.length() < keyword.length()
        || !arg.substring(0, keyword.length()).equalsIgnoreCase(keyword)) {
      return Optional.empty();
    }
    String rest = arg.substring(keyword.length()).stripLeading(); // some clients send "FROM: <x>"
    if (!rest.startsWith("<")) {
      return Optional.empty();
    }
    int close = closingBracket(rest);
    if (close < 0) {
      return Optional.empty();
    }
    String path = rest.substring(1, close);
    if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.empty(); // 4.1.2: not even quoted; it would reach Received: and the next hop
    }
    Map<String, String> params = new LinkedHashMap<>();
    String tail = rest.substring(close + 1).trim();
    if (!tail.isEmpty()) {
      for (String p : tail.split("\\s+")) {
        int eq = p.indexOf('=');
        String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
        if (key.isEmpty() || params.containsKey(key)) {
          return Optional.empty();
        }
        params.put(key, eq < 0 ? null : p.substring(eq + 1));
      }
    }
    if (path.isEmpty()) {
      return Optional.of(new MailPath(null, "", params));
    }
    if (path.startsWith("@")) { // source route: @a,@b:user@c
      int colon = path.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      path = path.substring(colon + 1);
    }
    int at = path.lastIndexOf('@');
    if (at <= 0) {
      return Optional.empty();
    }
    String local = path.substring(0, at);
    return MailAddress.parse(path).map(a -> new MailPath(a, local, params));
  }

  /** A quoted local part may hold '>' (RFC 5321 4.1.2), so brackets are matched outside quotes. */
  private static int closingBracket(String s) {
    boolean quoted = false;
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  public boolean isNull() {
    return address == null;
  }

  /** Whether the path uses characters beyond ASCII (needs SMTPUTF8, RFC 6531). */
  public boolean needsUtf8() {
    return address != null && address.toString().chars().anyMatch(c -> c >= 0x80);
  }
}
