package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;
import mxlab.smtp.session.SmtpSession;
import mxlab.smtp.session.SmtpState;

/** EXPN (3.5.3): would list alias members; refused. */
final class ExpnCommand implements CommandHandler {
  @Override
  public String verb() {
    return "EXPN";
  }

  @Override
  public Set<SmtpState> states() {
    return SimpleCommands.ANY;
  }

  @Override
  public void handle(SmtpSession session, String argument) {
    session.reply(Replies.EXPN_DISABLED);
  }
}
