package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** DELE msg (RFC 1939 5): marks it; it is removed only at QUIT. */
final class DeleCommand implements Pop3Command {
  @Override
  public String verb() {
    return "DELE";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    int n = MessageNumber.of(session, argument);
    if (n > 0) {
      session.maildrop().delete(n);
      session.reply(Pop3Reply.ok("message " + n + " deleted"));
    }
  }
}
