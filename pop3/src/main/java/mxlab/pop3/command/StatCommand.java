package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;
import mxlab.pop3.session.SessionMaildrop;

/** STAT (RFC 1939 5): count and size of the messages not marked deleted. */
final class StatCommand implements Pop3Command {
  @Override
  public String verb() {
    return "STAT";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    SessionMaildrop drop = session.maildrop();
    session.reply(Pop3Reply.ok(drop.count() + " " + drop.size()));
  }
}
