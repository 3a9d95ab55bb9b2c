package mxlab.smtp.command;

import java.util.EnumSet;
import java.util.Set;
import mxlab.core.reply.SmtpReply;
import mxlab.smtp.reply.Replies;

/** HELO (RFC 5321 4.1.1.1): the old greeting, without extensions. */
final class HeloCommand implements CommandHandler {
  @Override
  public String verb() {
    return "HELO";
  }

  @Override
  public Set<SmtpState> states() {
    return EnumSet.of(SmtpState.CONNECTED, SmtpState.READY, SmtpState.MAIL, SmtpState.RCPT);
  }

  @Override
  public void handle(CommandContext session, String argument) {
    String name = HeloArgument.parse(argument);
    if (name == null) {
      session.reply(Replies.BAD_HELO);
      return;
    }
    session.greet(name, false);
    session.reply(SmtpReply.of(250, "2.0.0", session.site().hostname()));
  }
}
