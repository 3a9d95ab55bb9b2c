package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** STARTTLS (RFC 3501 6.2.1). */
final class StartTlsCommand implements ImapCommand {

  @Override
  public String name() {
    return "STARTTLS";
  }

  @Override
  public Set<ImapState> states() {
    return States.NOT_AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.end();
    if (!session.tlsAvailable()) {
      session.bad(tag, "TLS is not available here");
      return;
    }
    session.startTls(tag);
  }
}
