package mxlab.mailauth.spf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * SPF macro expansion (RFC 7208 7): {@code %{s} %{l} %{o} %{d} %{i} %{p} %{v} %{h}}, and in exp=
 * texts {@code %{c} %{r} %{t}}; with digit and {@code r} transformers and delimiters; {@code %%},
 * {@code %_}, {@code %-}.
 */
final class Macros {
  /**
   * What the letters stand for in one check_host() call.
   *
   * @param ptr the validated name of {@code ip} for {@code %{p}}, looked up only when asked for
   */
  record Context(
      InetAddress ip, String sender, String domain, String helo, String receiver, PtrName ptr) {
    Context withPtr(PtrName other) {
      return new Context(ip, sender, domain, helo, receiver, other);
    }
  }

  /** {@code %{p}}: its DNS questions count toward the check's limit (RFC 7208 4.6.4). */
  @FunctionalInterface
  interface PtrName {
    String get() throws SpfLimitExceeded;
  }

  private Macros() {}

  /** The expansion, or null when the text is not a valid macro-string (a permerror). */
  static String expand(String text, Context c, boolean explanation) throws SpfLimitExceeded {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch != '%') {
        out.append(ch);
        continue;
      }
      if (++i >= text.length()) {
        return null;
      }
      char next = text.charAt(i);
      switch (next) {
        case '%' -> out.append('%');
        case '_' -> out.append(' ');
        case '-' -> out.append("%20");
        case '{' -> {
          int close = text.indexOf('}', i);
          if (close < 0) {
            return null;
          }
          String expanded = macro(text.substring(i + 1, close), c, explanation);
          if (expanded == null) {
            return null;
          }
          out.append(expanded);
          i = close;
        }
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }

  private static String macro(String spec, Context c, boolean explanation) throws SpfLimitExceeded {
    if (spec.isEmpty()) {
      return null;
    }
    char letter = Character.toLowerCase(spec.charAt(0));
    boolean upper = Character.isUpperCase(spec.charAt(0));
    String value =
        switch (letter) {
          case 's' -> c.sender();
          case 'l' -> local(c.sender());
          case 'o' -> c.sender().substring(c.sender().lastIndexOf('@') + 1);
          case 'd' -> c.domain();
          case 'i' -> ip(c.ip());
          case 'p' -> c.ptr() == null ? "unknown" : c.ptr().get();
          case 'v' -> c.ip() instanceof Inet6Address ? "ip6" : "in-addr";
          case 'h' -> c.helo() == null ? "unknown" : c.helo();
          case 'c' -> explanation ? readable(c.ip()) : null;
          case 'r' -> explanation ? c.receiver() : null;
          case 't' -> explanation ? Long.toString(System.currentTimeMillis() / 1000) : null;
          default -> null;
        };
    if (value == null) {
      return null;
    }
    String rest = spec.substring(1);
    int digitsEnd = 0;
    while (digitsEnd < rest.length() && Character.isDigit(rest.charAt(digitsEnd))) {
      digitsEnd++;
    }
    int keep = digitsEnd == 0 ? -1 : Integer.parseInt(rest.substring(0, Math.min(digitsEnd, 3)));
    if (keep == 0) {
      return null;
    }
    rest = rest.substring(digitsEnd);
    boolean reverse = false;
    if (!rest.isEmpty() && (rest.charAt(0) == 'r' || rest.charAt(0) == 'R')) {
      reverse = true;
      rest = rest.substring(1);
    }
    String delimiters = rest.isEmpty() ? "." : rest;
    if (!delimiters.matches("[.\\-+,/_=]+")) {
      return null;
    }
    StringBuilder splitOn = new StringBuilder("[");
    for (char d : delimiters.toCharArray()) {
      splitOn.append('\\').append(d);
    }
    List<String> parts = new ArrayList<>(Arrays.asList(value.split(splitOn + "]", -1)));
    if (reverse) {
      Collections.reverse(parts);
    }
    if (keep > 0 && parts.size() > keep) {
      parts = parts.subList(parts.size() - keep, parts.size());
    }
    String joined = String.join(".", parts);
    return upper ? urlEscape(joined) : joined;
  }

  private static String local(String sender) {
    int at = sender.lastIndexOf('@');
    return at <= 0 ? "postmaster" : sender.substring(0, at);
  }

  /** IPv4 dotted; IPv6 as dot-separated nibbles (7.3). */
  private static String ip(InetAddress ip) {
    if (!(ip instanceof Inet6Address)) {
      return ip.getHostAddress();
    }
    StringBuilder b = new StringBuilder();
    for (byte x : ip.getAddress()) {
      b.append(Character.forDigit((x >> 4) & 0xf, 16)).append('.');
      b.append(Character.forDigit(x & 0xf, 16)).append('.');
    }
    return b.substring(0, b.length() - 1);
  }

  /** The c macro: IPv6 in RFC 5952 form (the longest run of zero groups as ::). */
  private static String readable(InetAddress ip) {
    if (!(ip instanceof Inet6Address)) {
      return ip.getHostAddress();
    }
    String[] groups = ip.getHostAddress().replaceAll("%.*", "").split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }

  private static String urlEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char ch = (char) (x & 0xff);
      if ((ch >= 'a' && ch <= 'z')
          || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9')
          || "-._~".indexOf(ch) >= 0) {
        b.append(ch);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", (int) ch));
      }
    }
    return b.toString();
  }
}
