package mxlab.smtp.command;

import java.util.EnumSet;
import java.util.Set;

/** States in which the commands that do not touch a transaction may run. */
final class SimpleCommands {
  static final Set<SmtpState> ANY =
      EnumSet.of(SmtpState.CONNECTED, SmtpState.READY, SmtpState.MAIL, SmtpState.RCPT);

  private SimpleCommands() {}
}
