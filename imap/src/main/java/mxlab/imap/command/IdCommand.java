package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** ID (RFC 2971): the client says who it is; we say our name. */
final class IdCommand implements ImapCommand {

  @Override
  public String name() {
    return "ID";
  }

  @Override
  public Set<ImapState> states() {
    return States.ANY;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    if (args.tryChar('(')) {
      while (!args.tryChar(')')) {
        args.tryChar(' ');
        args.nstring();
        args.space();
        args.nstring();
      }
    } else {
      args.nstring(); // NIL
    }
    args.end();
    session.untagged("ID (\"name\" \"mxlab\" \"vendor\" \"mxlab\")");
    session.ok(tag, "ID completed");
  }
}
