package mxlab.outbound;

import java.util.List;
import java.util.Locale;

/** A reply from a remote SMTP server, all its lines. */
public record ServerReply(int code, List<String> lines) {
  public ServerReply {
    lines = List.copyOf(lines);
  }

  public boolean positive() {
    return code >= 200 && code < 400;
  }

  public boolean permanent() {
    return code >= 500;
  }

  /** The reply as one line, for diagnostics: "550 5.1.1 User unknown". */
  public String text() {
    return code + " " + String.join(" ", lines).trim();
  }

  /** Whether an EHLO reply lists {@code keyword} (RFC 5321 4.1.1.1). */
  public boolean offers(String keyword) {
    return extension(keyword) != null;
  }

  /** The parameter of an EHLO keyword ("SIZE 1000" gives "1000"), "" without one, or null. */
  public String extension(String keyword) {
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      String upper = l.toUpperCase(Locale.ROOT);
      if (upper.equals(keyword)) {
        return "";
      }
      if (upper.startsWith(keyword + " ")) {
        return l.substring(keyword.length() + 1).trim();
      }
    }
    return null;
  }
}
