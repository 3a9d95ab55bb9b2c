package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;

/** VRFY (3.5.3): 252, so addresses cannot be enumerated. */
final class VrfyCommand implements CommandHandler {
  @Override
  public String verb() {
    return "VRFY";
  }

  @Override
  public Set<SmtpState> states() {
    return SimpleCommands.ANY;
  }

  @Override
  public void handle(CommandContext session, String argument) {
    session.reply(argument.isBlank() ? Replies.SYNTAX : Replies.CANNOT_VRFY);
  }
}
