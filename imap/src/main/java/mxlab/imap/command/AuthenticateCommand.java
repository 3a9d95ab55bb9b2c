package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.core.auth.sasl.SaslSteps;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** AUTHENTICATE mechanism [initial-response] (RFC 3501 6.2.2, SASL-IR of RFC 4959). */
final class AuthenticateCommand implements ImapCommand {

  @Override
  public String name() {
    return "AUTHENTICATE";
  }

  @Override
  public Set<ImapState> states() {
    return States.NOT_AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    String mechanism = args.atom();
    String initial = "";
    if (!args.atEnd()) {
      args.space();
      initial = " " + args.atom();
    }
    args.end();
    if (!session.plaintextAllowed()) {
      session.no(tag, "[PRIVACYREQUIRED] Authentication is disabled before STARTTLS");
      return;
    }
    SaslSteps.Request request =
        SaslSteps.request(
            mechanism + initial, session.site().credentials(), session.site().hostname());
    if (request instanceof SaslSteps.Begin begin) {
      session.beginSasl(tag, begin.exchange(), begin.initialResponse());
    } else if (request instanceof SaslSteps.UnknownMechanism) {
      session.no(tag, "Unsupported authentication mechanism");
    } else {
      session.bad(tag, "Invalid initial response");
    }
  }
}
