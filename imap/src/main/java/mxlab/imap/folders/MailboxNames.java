package mxlab.imap.folders;

import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.store.FolderNames;
import mxlab.store.Mailbox;

/**
 * Mailbox names on the wire are modified UTF-7 (RFC 3501 5.1.3); the store's names are Unicode.
 * "INBOX" is case-insensitive (5.1).
 */
public final class MailboxNames {
  private MailboxNames() {}

  /** Reads a mailbox argument and gives the store's name for it. */
  public static String read(Arguments args) throws ImapSyntaxException {
    return fromWire(args.astring());
  }

  public static String fromWire(String wire) {
    if (wire.equalsIgnoreCase(Mailbox.INBOX)) {
      return Mailbox.INBOX;
    }
    return FolderNames.decode(wire).orElse(wire);
  }

  public static String toWire(String name) {
    return FolderNames.encode(name);
  }
}
