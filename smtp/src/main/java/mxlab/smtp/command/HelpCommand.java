package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;

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
  public void handle(CommandContext session, String argument) {
    session.reply(Replies.HELP);
  }
}
