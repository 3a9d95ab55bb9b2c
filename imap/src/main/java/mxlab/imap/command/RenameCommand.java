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
import mxlab.store.Folder;
import mxlab.store.Mailbox;
import mxlab.store.Message;

/**
 * RENAME (RFC 3501 6.3.5), with the levels below; renaming INBOX moves its messages into the new
 * folder and leaves INBOX empty.
 */
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
    String from = MailboxNames.read(args, session.utf8Accept());
    args.space();
    String to = MailboxNames.read(args, session.utf8Accept());
    args.end();
    try {
      if (from.equals(Mailbox.INBOX)) {
        renameInbox(session, to);
        session.ok(tag, "RENAME completed");
        return;
      }
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

  private static void renameInbox(ImapSession session, String to) throws IOException {
    Folder target = session.mailbox().create(to);
    Folder inbox = session.mailbox().inbox();
    inbox.moveTo(inbox.messages().stream().map(Message::uid).toList(), target);
  }
}
