package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** LOGOUT (RFC 3501 6.1.3). */
final class LogoutCommand implements ImapCommand {

  @Override
  public String name() {
    return "LOGOUT";
  }

  @Override
  public Set<ImapState> states() {
    return States.ANY;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.end();
    session.untagged("BYE mxlab IMAP4rev1 signing off");
    session.ok(tag, "LOGOUT completed");
    session.logout();
  }
}
