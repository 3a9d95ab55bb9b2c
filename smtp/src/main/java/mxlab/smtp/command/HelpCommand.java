package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;
import mxlab.smtp.session.SmtpSession;
import mxlab.smtp.session.SmtpState;

/** HELP (4.1.1.8). */
final class HelpCommand implements CommandHandler {
  @Override
  public String verb() {
    return "HELP";
  }

  @Override
  public Set<SmtpState> states() {
    return SimpleCommands.ANY;
  }

  @Override
  public void handle(SmtpSession session, String argument) {
    session.reply(Replies.HELP);
  }
}
