package mxlab.smtp.command;

import java.util.EnumSet;
import java.util.Set;
import mxlab.smtp.reply.Replies;

/** STARTTLS (RFC 3207), outside a transaction. */
final class StartTlsCommand implements CommandHandler {
  @Override
  public String verb() {
    return "STARTTLS";
  }

  @Override
  public Set<SmtpState> states() {
    return EnumSet.of(SmtpState.READY);
  }

  @Override
  public void handle(CommandContext session, String argument) {
    if (!argument.isBlank()) {
      session.reply(Replies.SYNTAX);
    } else if (session.tlsActive()) {
      session.reply(Replies.TLS_ACTIVE);
    } else if (!session.tlsAvailable()) {
      session.reply(Replies.TLS_UNAVAILABLE);
    } else {
      session.startTls();
    }
  }
}
