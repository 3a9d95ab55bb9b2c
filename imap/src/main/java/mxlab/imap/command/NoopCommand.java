package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/**
 * NOOP (RFC 3501 6.1.2) and CHECK (6.4.1): the chance to hear of changes, which the registry
 * reports after every command in the SELECTED state; these two look at the disk too.
 */
final class NoopCommand implements ImapCommand {
  private final String name;

  NoopCommand(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<ImapState> states() {
    return name.equals("CHECK") ? States.SELECTED : States.ANY;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.end();
    session.poll();
    session.ok(tag, name + " completed");
  }
}
