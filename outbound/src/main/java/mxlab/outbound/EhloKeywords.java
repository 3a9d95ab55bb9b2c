package mxlab.outbound;

import java.util.Locale;
import mxlab.core.reply.SmtpReply;

/** The extensions an EHLO reply lists, one per line after the first (RFC 5321 4.1.1.1). */
final class EhloKeywords {
  private EhloKeywords() {}

  static boolean offers(SmtpReply ehlo, String keyword) {
    return parameter(ehlo, keyword) != null;
  }

  /** The parameter of a keyword ("SIZE 1000" gives "1000"), "" without one, or null. */
  static String parameter(SmtpReply ehlo, String keyword) {
    for (int i = 1; i < ehlo.lines().size(); i++) {
      String l = ehlo.lines().get(i).trim();
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
