package mxlab.pop3.command;

import java.io.IOException;
import java.util.Set;
import mxlab.core.auth.sasl.Mechanisms;
import mxlab.core.auth.sasl.SaslSteps;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** AUTH mechanism [initial-response] (RFC 5034); without arguments, lists the mechanisms. */
final class AuthCommand implements Pop3Command {
  @Override
  public String verb() {
    return "AUTH";
  }

  @Override
  public Set<Pop3State> states() {
    return States.AUTHORIZATION;
  }

  @Override
  public void handle(Pop3Session session, String argument) throws IOException {
    if (!session.plaintextAllowed()) {
      session.reply(Pop3Reply.PLAINTEXT_DISALLOWED);
      return;
    }
    var credentials = session.site().credentials();
    if (argument.isEmpty()) {
      StringBuilder list = new StringBuilder();
      Mechanisms.offered(credentials).forEach(m -> list.append(m).append("\r\n"));
      session.reply(Pop3Reply.ok("Mechanisms follow"));
      session.reply(Pop3Reply.line(list.append(".").toString()));
      return;
    }
    SaslSteps.Request request = SaslSteps.request(argument, credentials, session.site().hostname());
    if (request instanceof SaslSteps.Begin begin) {
      session.beginSasl(begin.exchange(), begin.initialResponse());
    } else {
      // RFC 5034 has no code for a malformed line: the mechanism is not one we know
      session.reply(
          request instanceof SaslSteps.BadInitialResponse
              ? Pop3Reply.SYNTAX
              : Pop3Reply.UNKNOWN_MECHANISM);
    }
  }
}
