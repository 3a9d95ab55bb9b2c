package mxlab.smtp.command;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.core.address.MailAddress;
import mxlab.core.reply.SmtpReply;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.reply.Replies;

/** RCPT TO (RFC 5321 4.1.1.3): each recipient through the policy chain. */
final class RcptCommand implements CommandHandler {
  @Override
  public String verb() {
    return "RCPT";
  }

  @Override
  public Set<SmtpState> states() {
    return EnumSet.of(SmtpState.MAIL, SmtpState.RCPT);
  }

  @Override
  public SmtpReply outOfSequence(SmtpState state) {
    return state == SmtpState.CONNECTED ? Replies.HELO_FIRST : Replies.MAIL_FIRST;
  }

  @Override
  public void handle(CommandContext session, String argument) {
    Optional<MailPath> parsed = MailPath.parse(argument, "TO:");
    if (parsed.isEmpty() && argument.trim().replace(" ", "").equalsIgnoreCase("TO:<postmaster>")) {
      // RFC 5321 4.1.1.3: <Postmaster> without a domain must be accepted
      MailAddress pm = new MailAddress("postmaster", session.site().hostname());
      parsed = Optional.of(new MailPath(pm, "postmaster", Map.of()));
    }
    if (parsed.isEmpty() || parsed.get().isNull()) {
      session.reply(Replies.BAD_RECIPIENT);
      return;
    }
    MailPath path = parsed.get();
    if (!path.params().isEmpty()) {
      session.reply(Replies.UNSUPPORTED_PARAMETER); // no DSN extension: NOTIFY, ORCPT
      return;
    }
    if (path.needsUtf8() && !session.smtpUtf8()) {
      session.reply(MailCommand.NEEDS_SMTPUTF8);
      return;
    }
    HookResult r = session.checkRecipient(path);
    if (r.refused()) {
      session.logRefusal("to", "<" + path.address() + ">", r.reply());
      session.reply(r.reply());
      return;
    }
    session.accept(path.address(), r.route());
    session.reply(Replies.RECIPIENT_OK);
  }
}
