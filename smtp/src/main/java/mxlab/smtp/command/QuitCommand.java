package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;

/** QUIT (4.1.1.10): 221 and close. */
final class QuitCommand implements CommandHandler {
  @Override
  public String verb() {
    return "QUIT";
  }

  @Override
  public Set<SmtpState> states() {
    return SimpleCommands.ANY;
  }

  @Override
  public void handle(CommandContext session, String argument) {
    session.closeWith(Replies.BYE);
  }
}
