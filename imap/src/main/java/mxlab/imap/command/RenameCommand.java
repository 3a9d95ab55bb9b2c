package mxlab.imap.command;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** RENAME (RFC 3501 6.3.5), with the levels below; INBOX cannot be renamed here. */
final class RenameCommand implements ImapCommand {
  @Override
  public String name() {
    return "RENAME";
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    String from = MailboxNames.read(args);
    args.space();
    String to = MailboxNames.read(args);
    args.end();
    try {
      session.mailbox().rename(from, to);
      session.ok(tag, "RENAME completed");
    } catch (NoSuchFileException e) {
      session.no(tag, "[NONEXISTENT] Mailbox doesn't exist");
    } catch (FileAlreadyExistsException e) {
      session.no(tag, "[ALREADYEXISTS] Target mailbox already exists");
    } catch (IllegalArgumentException e) {
      session.no(tag, "[CANNOT] " + e.getMessage());
    }
  }
}
