package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.folders.Subscriptions;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 3501 6.3.6, 6.3.7). */
final class SubscribeCommand implements ImapCommand {
  private final String name;
  private final boolean subscribe;

  SubscribeCommand(String name, boolean subscribe) {
    this.name = name;
    this.subscribe = subscribe;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    String mailbox = MailboxNames.read(args, session.utf8Accept());
    args.end();
    if (subscribe && session.mailbox().folder(mailbox).isEmpty()) {
      session.no(tag, "[NONEXISTENT] Mailbox doesn't exist");
      return;
    }
    Subscriptions.change(session.mailbox(), mailbox, subscribe);
    session.ok(tag, name + " completed");
  }
}
