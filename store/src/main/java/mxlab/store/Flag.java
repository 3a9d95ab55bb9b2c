package mxlab.store;

import java.util.Locale;
import java.util.Optional;

/**
 * The IMAP system flags (RFC 3501 2.3.2) and the Maildir info letters that store them, as Courier
 * and Dovecot write them ({@code :2,DFRST}, in ASCII order).
 */
public enum Flag {
  DRAFT('D', "\\Draft"),
  FLAGGED('F', "\\Flagged"),
  ANSWERED('R', "\\Answered"),
  SEEN('S', "\\Seen"),
  DELETED('T', "\\Deleted");

  private final char letter;
  private final String imap;

  Flag(char letter, String imap) {
    this.letter = letter;
    this.imap = imap;
  }

  public char letter() {
    return letter;
  }

  /** The IMAP name, with its backslash. */
  public String imapName() {
    return imap;
  }

  public static Optional<Flag> ofLetter(char c) {
    for (Flag f : values()) {
      if (f.letter == c) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** "\Seen", in any case (RFC 3501: flags are case-insensitive). */
  public static Optional<Flag> ofImapName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Flag f : values()) {
      if (f.imap.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
