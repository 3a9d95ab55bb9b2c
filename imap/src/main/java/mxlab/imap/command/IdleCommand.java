package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** IDLE (RFC 2177): changes are pushed until the client sends DONE. */
final class IdleCommand implements ImapCommand {

  @Override
  public String name() {
    return "IDLE";
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.end();
    session.idle(tag);
  }
}
