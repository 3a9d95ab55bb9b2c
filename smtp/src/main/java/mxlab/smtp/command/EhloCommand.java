package mxlab.smtp.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import mxlab.core.auth.sasl.Mechanisms;
import mxlab.core.reply.SmtpReply;
import mxlab.smtp.reply.Replies;

/** EHLO (RFC 5321 4.1.1.1): greets and lists the extensions on offer. */
final class EhloCommand implements CommandHandler {
  @Override
  public String verb() {
    return "EHLO";
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
    session.greet(name, true);
    List<String> lines = new ArrayList<>();
    lines.add(
        session.site().hostname()
            + " Hello "
            + name
            + " ["
            + session.clientAddress().getHostAddress()
            + "]");
    lines.add("PIPELINING"); // RFC 2920
    lines.add("SIZE " + session.site().spec().server().maxMessageSize()); // RFC 1870
    lines.add("8BITMIME"); // RFC 6152
    lines.add("ENHANCEDSTATUSCODES"); // RFC 2034
    lines.add("SMTPUTF8"); // RFC 6531
    if (session.tlsAvailable() && !session.tlsActive()) {
      lines.add("STARTTLS"); // RFC 3207
    }
    if (session.authAllowed() && !session.authenticated()) {
      lines.add("AUTH " + String.join(" ", Mechanisms.offered(session.site().credentials())));
    }
    lines.add("HELP");
    session.reply(SmtpReply.lines(250, null, lines));
  }
}
