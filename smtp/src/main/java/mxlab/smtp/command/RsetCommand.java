package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;

/** RSET (RFC 5321 4.1.1.5): ends the transaction, keeps the greeting and login. */
final class RsetCommand implements CommandHandler {
  @Override
  public String verb() {
    return "RSET";
  }

  @Override
  public Set<SmtpState> states() {
    return SimpleCommands.ANY;
  }

  @Override
  public void handle(CommandContext session, String argument) {
    session.reset();
    session.reply(Replies.OK);
  }
}
