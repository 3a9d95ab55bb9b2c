package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;
import mxlab.pop3.session.SessionMaildrop;

/** LIST [msg] (RFC 1939 5): sizes as the client will receive them, CRLF line ends. */
final class ListCommand implements Pop3Command {
  @Override
  public String verb() {
    return "LIST";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    SessionMaildrop drop = session.maildrop();
    PerMessage.reply(
        session,
        argument,
        drop::size,
        Pop3Reply.ok(drop.count() + " messages (" + drop.size() + " octets)"));
  }
}
