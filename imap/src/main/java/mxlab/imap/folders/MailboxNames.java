package mxlab.imap.folders;

import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.store.FolderNames;
import mxlab.store.Mailbox;

/**
 * Mailbox names on the wire are modified UTF-7 (RFC 3501 5.1.3), or UTF-8 once the client enabled
 * UTF8=ACCEPT (RFC 6855 3); the store's names are Unicode. "INBOX" is case-insensitive (5.1).
 */
public final class MailboxNames {
  private MailboxNames() {}

  /** Reads a mailbox argument and gives the store's name for it. */
  public static String read(Arguments args, boolean utf8) throws ImapSyntaxException {
    String wire = args.astring();
    if (utf8) {
      return wire.equalsIgnoreCase(Mailbox.INBOX) ? Mailbox.INBOX : wire;
    }
    return fromWire(wire);
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

  public static String toWire(String name, boolean utf8) {
    return utf8 ? name : toWire(name);
  }
}
