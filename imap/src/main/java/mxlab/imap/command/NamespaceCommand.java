package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** NAMESPACE (RFC 2342): one personal namespace, "." between levels. */
final class NamespaceCommand implements ImapCommand {

  @Override
  public String name() {
    return "NAMESPACE";
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.end();
    session.untagged("NAMESPACE ((\"\" \".\")) NIL NIL");
    session.ok(tag, "NAMESPACE completed");
  }
}
