package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;
import mxlab.pop3.session.SessionMaildrop;

/** RSET (RFC 1939 5): unmarks every deleted message. */
final class RsetCommand implements Pop3Command {
  @Override
  public String verb() {
    return "RSET";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    SessionMaildrop drop = session.maildrop();
    drop.undelete();
    session.reply(
        Pop3Reply.ok("maildrop has " + drop.count() + " messages (" + drop.size() + " octets)"));
  }
}
