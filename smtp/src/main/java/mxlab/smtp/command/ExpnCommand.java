package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;

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
  public void handle(CommandContext session, String argument) {
    session.reply(Replies.EXPN_DISABLED);
  }
}
