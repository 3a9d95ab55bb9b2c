package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;
import mxlab.pop3.session.SessionMaildrop;

/** UIDL [msg] (RFC 1939 7): ids that stay the same across sessions and restarts. */
final class UidlCommand implements Pop3Command {
  @Override
  public String verb() {
    return "UIDL";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    SessionMaildrop drop = session.maildrop();
    PerMessage.reply(session, argument, drop::uid, Pop3Reply.OK);
  }
}
