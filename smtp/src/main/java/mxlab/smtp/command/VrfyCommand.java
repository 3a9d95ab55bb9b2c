package mxlab.smtp.command;

import java.util.Set;
import mxlab.smtp.reply.Replies;
import mxlab.smtp.session.SmtpSession;
import mxlab.smtp.session.SmtpState;

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
  public void handle(SmtpSession session, String argument) {
    session.reply(argument.isBlank() ? Replies.SYNTAX : Replies.CANNOT_VRFY);
  }
}
