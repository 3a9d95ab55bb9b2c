package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** ENABLE (RFC 5161): no extension here needs enabling, so none is. */
final class EnableCommand implements ImapCommand {

  @Override
  public String name() {
    return "ENABLE";
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    if (args.atEnd()) {
      throw new ImapSyntaxException("ENABLE needs a capability");
    }
    while (!args.atEnd()) {
      args.space();
      args.atom();
    }
    session.untagged("ENABLED");
    session.ok(tag, "ENABLE completed");
  }
}
