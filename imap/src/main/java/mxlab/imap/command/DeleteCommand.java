package mxlab.imap.command;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.store.Mailbox;

/** DELETE (RFC 3501 6.3.4): never INBOX; the levels below a folder stay. */
final class DeleteCommand implements ImapCommand {
  @Override
  public String name() {
    return "DELETE";
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    String name = MailboxNames.read(args, session.utf8Accept());
    args.end();
    if (name.equalsIgnoreCase(Mailbox.INBOX)) {
      // refused before the selected folder is closed: a refused DELETE changes nothing
      session.no(tag, "[CANNOT] INBOX cannot be deleted");
      return;
    }
    if (session.selected() != null && session.selected().folder().name().equals(name)) {
      session.unselect();
    }
    try {
      session.mailbox().delete(name);
      session.ok(tag, "DELETE completed");
    } catch (NoSuchFileException e) {
      session.no(tag, "[NONEXISTENT] Mailbox doesn't exist");
    } catch (IllegalArgumentException e) {
      session.no(tag, "[CANNOT] " + e.getMessage());
    }
  }
}
