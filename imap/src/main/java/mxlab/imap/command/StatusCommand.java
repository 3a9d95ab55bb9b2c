package mxlab.imap.command;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.store.Folder;

/** STATUS mailbox (items) (RFC 3501 6.3.10). */
final class StatusCommand implements ImapCommand {
  @Override
  public String name() {
    return "STATUS";
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
    args.space();
    List<String> items = StatusItems.read(args);
    args.end();
    if (items.contains("HIGHESTMODSEQ")) {
      session.enable(ImapSession.CONDSTORE); // RFC 7162 3.1: a CONDSTORE enabling command
    }
    Optional<Folder> folder = session.mailbox().folder(name);
    if (folder.isEmpty()) {
      session.no(tag, "[NONEXISTENT] Mailbox doesn't exist");
      return;
    }
    session.send(StatusItems.response(folder.get(), items, session.utf8Accept()));
    session.ok(tag, "STATUS completed");
  }
}
