package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** CAPABILITY (RFC 3501 6.1.1): what this connection can do now. */
final class CapabilityCommand implements ImapCommand {

  @Override
  public String name() {
    return "CAPABILITY";
  }

  @Override
  public Set<ImapState> states() {
    return States.ANY;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.end();
    session.untagged("CAPABILITY " + String.join(" ", session.capabilities()));
    session.ok(tag, "CAPABILITY completed");
  }
}
