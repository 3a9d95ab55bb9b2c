package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** LOGIN user password (RFC 3501 6.2.3); refused without TLS unless the spec allows plaintext. */
final class LoginCommand implements ImapCommand {

  @Override
  public String name() {
    return "LOGIN";
  }

  @Override
  public Set<ImapState> states() {
    return States.NOT_AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    String user = args.astring();
    args.space();
    String password = args.astring();
    args.end();
    if (!session.plaintextAllowed()) {
      session.no(tag, "[PRIVACYREQUIRED] LOGIN is disabled before STARTTLS"); // RFC 5530
      return;
    }
    session.login(tag, user, password);
  }
}
