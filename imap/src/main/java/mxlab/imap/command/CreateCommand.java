package mxlab.imap.command;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.store.FolderNames;

/** CREATE (RFC 3501 6.3.3): a trailing delimiter only says more levels will follow. */
final class CreateCommand implements ImapCommand {
  @Override
  public String name() {
    return "CREATE";
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
    while (name.length() > 1 && name.charAt(name.length() - 1) == FolderNames.SEPARATOR) {
      name = name.substring(0, name.length() - 1);
    }
    try {
      session.mailbox().create(name);
      session.ok(tag, "CREATE completed");
    } catch (FileAlreadyExistsException e) {
      session.no(tag, "[ALREADYEXISTS] Mailbox already exists"); // RFC 5530
    } catch (IllegalArgumentException e) {
      session.no(tag, "[CANNOT] " + e.getMessage());
    }
  }
}
