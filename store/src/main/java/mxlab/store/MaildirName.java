package mxlab.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maildir file name, {@code BASE[:2,INFO]}: the base is the message's identity (what the UID list
 * and POP3's UIDL name), the info its flags, one letter each in ASCII order (uppercase: system
 * flags, lowercase: keywords).
 */
record MaildirName(String base, String info) {
  private static final Pattern CRLF_SIZE = Pattern.compile(",W=(\\d+)");

  static MaildirName parse(String fileName) {
    int colon = fileName.indexOf(":2,");
    if (colon < 0) {
      int other = fileName.indexOf(':');
      return new MaildirName(other < 0 ? fileName : fileName.substring(0, other), "");
    }
    return new MaildirName(fileName.substring(0, colon), fileName.substring(colon + 3));
  }

  /** The name in cur/ with these info letters (sorted, as the Maildir convention asks). */
  static String withInfo(String base, String letters) {
    char[] sorted = letters.toCharArray();
    java.util.Arrays.sort(sorted);
    return base + ":2," + new String(sorted);
  }

  /** The CRLF size our names (and Dovecot's) carry as W=, or -1. */
  long crlfSize() {
    Matcher m = CRLF_SIZE.matcher(base);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The arrival second that starts a conventional name, for ordering new messages. */
  long time() {
    int dot = base.indexOf('.');
    try {
      return dot > 0 ? Long.parseLong(base.substring(0, dot)) : Long.MAX_VALUE;
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
