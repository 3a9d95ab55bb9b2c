package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;

/** NOOP (4.1.1.9). */
final class NoopCommand implements CommandHandler {
  @Override
  public String verb() {
    return "NOOP";
  }

  @Override
  public Set<SmtpState> states() {
    return SimpleCommands.ANY;
  }

  @Override
  public void handle(CommandContext session, String argument) {
    session.reply(Replies.OK);
  }
}
