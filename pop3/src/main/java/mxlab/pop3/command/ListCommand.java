package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Maildrop;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

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
    Maildrop drop = session.maildrop();
    if (!argument.isEmpty()) {
      int n = MessageNumber.of(session, argument);
      if (n > 0) {
        session.reply(Pop3Reply.ok(n + " " + drop.size(n)));
      }
      return;
    }
    StringBuilder list = new StringBuilder();
    for (int n = 1; n <= drop.total(); n++) {
      if (drop.exists(n)) {
        list.append(n).append(' ').append(drop.size(n)).append("\r\n");
      }
    }
    session.reply(Pop3Reply.ok(drop.count() + " messages (" + drop.size() + " octets)"));
    session.reply(Pop3Reply.line(list.append('.').toString()));
  }
}
