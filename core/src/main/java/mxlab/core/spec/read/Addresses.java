package mxlab.core.spec.read;

import java.util.Optional;
import mxlab.core.address.MailAddress;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problems;

/** Mail addresses and mailbox names as the spec writes them, each mistake reported where it is. */
final class Addresses {
  static final String MAILBOX_NAME_HINT =
      "write letters, digits and . - _ + (a dot-atom without / or quotes)";

  private final Problems problems;

  Addresses(Problems problems) {
    this.problems = problems;
  }

  /**
   * A local part fit to name a mailbox: a dot-atom (RFC 5321 4.1.2) without '/', so that as a
   * Maildir directory it is one path segment and never '.' or '..' (a dot-atom has no empty atom).
   * Quoted strings, which could hold anything, are refused too.
   */
  static boolean isMailboxName(String local) {
    return MailAddress.isLocalPart(local)
        && !local.startsWith("\"")
        && local.chars().noneMatch(c -> c == '/' || c == '@' || Character.isISOControl(c));
  }

  /** The address in its normal form, or null (reported) when {@code text} is not one. */
  String address(String text, Location at, String what) {
    Optional<MailAddress> a = MailAddress.parse(text.trim());
    if (a.isEmpty()) {
      problems.error(
          at, what + ": '" + text + "' is not a mail address", "write it like user@example.com");
      return null;
    }
    return a.get().toString();
  }

  /** A user name means a user of {@code domain}; anything with @ must be an address. */
  String qualify(String text, String domain, Location at, String what) {
    String t = text.trim();
    return address(t.contains("@") ? t : t + "@" + domain, at, what);
  }
}
