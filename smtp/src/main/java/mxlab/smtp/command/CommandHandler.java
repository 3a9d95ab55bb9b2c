package mxlab.smtp.command;

import java.io.IOException;
import java.util.Set;
import mxlab.core.reply.SmtpReply;
import mxlab.smtp.reply.Replies;

/**
 * One SMTP command. Stateless: all state lives in the session, reached through its {@link
 * CommandContext}.
 */
public interface CommandHandler {
  String verb();

  /** The states the command may run in; the registry answers for the others. */
  Set<SmtpState> states();

  void handle(CommandContext session, String argument) throws IOException;

  /** The answer when the command comes in a state it may not run in. */
  default SmtpReply outOfSequence(SmtpState state) {
    return state == SmtpState.CONNECTED ? Replies.HELO_FIRST : Replies.BAD_SEQUENCE;
  }
}
