package mxlab.smtp.command;

import java.util.EnumSet;
import java.util.Set;
import mxlab.core.auth.sasl.SaslSteps;
import mxlab.core.reply.SmtpReply;
import mxlab.smtp.reply.Replies;

/** AUTH (RFC 4954): outside a transaction, once, over TLS unless the spec allows plaintext. */
final class AuthCommand implements CommandHandler {
  @Override
  public String verb() {
    return "AUTH";
  }

  @Override
  public Set<SmtpState> states() {
    return EnumSet.of(SmtpState.READY);
  }

  @Override
  public void handle(CommandContext session, String argument) {
    if (session.authenticated()) {
      session.reply(Replies.AUTH_ALREADY);
      return;
    }
    if (!session.authAllowed()) {
      session.reply(Replies.AUTH_NEEDS_TLS);
      return;
    }
    SaslSteps.Request request =
        SaslSteps.request(argument, session.site().credentials(), session.site().hostname());
    if (request instanceof SaslSteps.Begin begin) {
      session.beginSasl(begin.exchange(), begin.initialResponse());
    } else {
      session.reply(
          request instanceof SaslSteps.UnknownMechanism
              ? Replies.AUTH_BAD_MECHANISM
              : request instanceof SaslSteps.BadInitialResponse
                  ? Replies.AUTH_BAD_BASE64
                  : Replies.SYNTAX);
    }
  }

  @Override
  public SmtpReply outOfSequence(SmtpState state) {
    return state == SmtpState.CONNECTED ? Replies.HELO_FIRST : Replies.BAD_SEQUENCE;
  }
}
