package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** NOOP (RFC 1939 5). */
final class NoopCommand implements Pop3Command {
  @Override
  public String verb() {
    return "NOOP";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    session.reply(Pop3Reply.OK);
  }
}
