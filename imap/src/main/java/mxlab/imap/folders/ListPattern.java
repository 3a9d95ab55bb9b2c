package mxlab.imap.folders;

import java.util.regex.Pattern;
import mxlab.store.FolderNames;

/**
 * A LIST pattern (RFC 3501 6.3.8): the reference and the mailbox name joined, "*" matching anything
 * and "%" anything but the hierarchy delimiter. INBOX matches in any case.
 */
public final class ListPattern {
  private final Pattern regex;

  private ListPattern(Pattern regex) {
    this.regex = regex;
  }

  public static ListPattern of(String reference, String pattern) {
    String joined =
        pattern.startsWith(String.valueOf(FolderNames.SEPARATOR)) || reference.isEmpty()
            ? reference + pattern
            : reference.endsWith(String.valueOf(FolderNames.SEPARATOR))
                ? reference + pattern
                : reference + FolderNames.SEPARATOR + pattern;
    StringBuilder re = new StringBuilder();
    if (joined.regionMatches(true, 0, "INBOX", 0, 5)
        && (joined.length() == 5 || joined.charAt(5) == FolderNames.SEPARATOR)) {
      re.append("(?i:INBOX)");
      joined = joined.substring(5);
    }
    for (char c : joined.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '%' ->
            re.append("[^")
                .append(Pattern.quote(String.valueOf(FolderNames.SEPARATOR)))
                .append("]*");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new ListPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }
}
