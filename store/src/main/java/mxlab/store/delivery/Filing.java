package mxlab.store.delivery;

import mxlab.store.SpecialUse;

/** Which folder of each local mailbox a delivery files the message in. */
public enum Filing {
  INBOX(mxlab.store.Mailbox.INBOX),
  /**
   * The special-use \Junk folder (RFC 6154, Dovecot's name "Junk"), created by the delivery if
   * missing: where a DMARC quarantine puts mail (RFC 7489 10.3). POP3 shows only the INBOX.
   */
  JUNK(SpecialUse.JUNK.folder());

  private final String folder;

  Filing(String folder) {
    this.folder = folder;
  }

  /** The folder's IMAP name. */
  public String folder() {
    return folder;
  }
}
