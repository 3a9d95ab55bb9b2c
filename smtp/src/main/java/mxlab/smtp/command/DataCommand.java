package mxlab.smtp.command;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import mxlab.core.reply.SmtpReply;
import mxlab.smtp.reply.Replies;

/** DATA (RFC 5321 4.1.1.4): 354, then the message up to CRLF.CRLF. */
final class DataCommand implements CommandHandler {
  @Override
  public String verb() {
    return "DATA";
  }

  @Override
  public Set<SmtpState> states() {
    return EnumSet.of(SmtpState.RCPT);
  }

  @Override
  public SmtpReply outOfSequence(SmtpState state) {
    return switch (state) {
      case CONNECTED -> Replies.HELO_FIRST;
      case MAIL -> Replies.NO_RECIPIENTS; // RFC 2920 3.1: every RCPT was refused
      default -> Replies.BAD_SEQUENCE;
    };
  }

  @Override
  public void handle(CommandContext session, String argument) throws IOException {
    if (!argument.isBlank()) {
      session.reply(Replies.SYNTAX);
      return;
    }
    session.beginData();
  }
}
