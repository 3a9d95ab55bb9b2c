package mxlab.smtp.command;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import mxlab.core.reply.SmtpReply;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.reply.Replies;

/** MAIL FROM (RFC 5321 4.1.1.2) with SIZE, BODY, SMTPUTF8 and AUTH parameters. */
final class MailCommand implements CommandHandler {
  static final SmtpReply NEEDS_SMTPUTF8 = SmtpReply.of(553, "5.6.7", "Address needs SMTPUTF8");

  @Override
  public String verb() {
    return "MAIL";
  }

  @Override
  public Set<SmtpState> states() {
    return EnumSet.of(SmtpState.READY);
  }

  @Override
  public SmtpReply outOfSequence(SmtpState state) {
    return state == SmtpState.CONNECTED ? Replies.HELO_FIRST : Replies.NESTED_MAIL;
  }

  @Override
  public void handle(CommandContext session, String argument) {
    Optional<MailPath> parsed = MailPath.parse(argument, "FROM:");
    if (parsed.isEmpty()) {
      session.reply(Replies.BAD_SENDER);
      return;
    }
    MailPath path = parsed.get();
    boolean eightBit = false;
    for (var p : path.params().entrySet()) {
      switch (p.getKey()) {
        case "SIZE", "AUTH" -> {
          // SIZE is checked by policy; AUTH= (RFC 4954 5) is accepted and not trusted
        }
        case "SMTPUTF8" -> {
          if (p.getValue() != null) {
            session.reply(Replies.SYNTAX);
            return;
          }
        }
        case "BODY" -> {
          String body = p.getValue() == null ? "" : p.getValue().toUpperCase(Locale.ROOT);
          if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
            session.reply(Replies.SYNTAX);
            return;
          }
          eightBit = body.equals("8BITMIME");
        }
        default -> {
          session.reply(Replies.UNSUPPORTED_PARAMETER);
          return;
        }
      }
    }
    boolean utf8 = path.params().containsKey("SMTPUTF8");
    if (path.needsUtf8() && !utf8) {
      session.reply(NEEDS_SMTPUTF8);
      return;
    }
    HookResult r = session.checkSender(path);
    if (r.refused()) {
      session.logRefusal("from", "<" + (path.isNull() ? "" : path.address()) + ">", r.reply());
      session.reply(r.reply());
      return;
    }
    session.startTransaction(path.address(), eightBit || utf8, utf8, r.discard());
    session.reply(Replies.SENDER_OK);
  }
}
