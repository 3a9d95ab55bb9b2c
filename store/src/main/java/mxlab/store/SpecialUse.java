package mxlab.store;

import java.util.Optional;

/**
 * The folders clients look for (RFC 6154), created at first login under Dovecot's default names, so
 * Thunderbird and K-9 find where to put sent mail, drafts, deleted and junk mail.
 */
public enum SpecialUse {
  SENT("Sent", "\\Sent"),
  DRAFTS("Drafts", "\\Drafts"),
  TRASH("Trash", "\\Trash"),
  JUNK("Junk", "\\Junk");

  private final String folder;
  private final String attribute;

  SpecialUse(String folder, String attribute) {
    this.folder = folder;
    this.attribute = attribute;
  }

  public String folder() {
    return folder;
  }

  /** The LIST attribute. */
  public String attribute() {
    return attribute;
  }

  public static Optional<SpecialUse> of(String folderName) {
    for (SpecialUse u : values()) {
      if (u.folder.equals(folderName)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }
}
