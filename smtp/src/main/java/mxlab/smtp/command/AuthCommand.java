package mxlab.smtp.command;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import mxlab.core.auth.sasl.Mechanisms;
import mxlab.core.auth.sasl.SaslExchange;
import mxlab.core.auth.sasl.SaslSteps;
import mxlab.smtp.reply.Replies;
import mxlab.smtp.reply.Reply;
import mxlab.smtp.session.SmtpSession;
import mxlab.smtp.session.SmtpState;

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
  public void handle(SmtpSession session, String argument) {
    if (session.authenticated()) {
      session.reply(Replies.AUTH_ALREADY);
      return;
    }
    if (!session.authAllowed()) {
      session.reply(Replies.AUTH_NEEDS_TLS);
      return;
    }
    String[] parts = argument.trim().split("\\s+");
    if (parts[0].isEmpty() || parts.length > 2) {
      session.reply(Replies.SYNTAX);
      return;
    }
    Optional<SaslExchange> exchange =
        Mechanisms.start(parts[0], session.site().credentials(), session.site().hostname());
    if (exchange.isEmpty()) {
      session.reply(Replies.AUTH_BAD_MECHANISM);
      return;
    }
    byte[] initial = null;
    if (parts.length == 2) {
      try {
        initial = SaslSteps.initialResponse(parts[1]);
      } catch (IllegalArgumentException e) {
        session.reply(Replies.AUTH_BAD_BASE64);
        return;
      }
    }
    session.beginSasl(exchange.get(), initial);
  }

  @Override
  public Reply outOfSequence(SmtpState state) {
    return state == SmtpState.CONNECTED ? Replies.HELO_FIRST : Replies.BAD_SEQUENCE;
  }
}
