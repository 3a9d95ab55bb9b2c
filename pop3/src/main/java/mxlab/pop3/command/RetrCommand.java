package mxlab.pop3.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;
import mxlab.pop3.session.SessionMaildrop;

/** RETR msg (RFC 1939 5): the whole message, dot-stuffed; it moves from new/ to cur/. */
final class RetrCommand implements Pop3Command {
  @Override
  public String verb() {
    return "RETR";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) throws IOException {
    int n = MessageNumber.of(session, argument);
    if (n < 0) {
      return;
    }
    SessionMaildrop drop = session.maildrop();
    ByteArrayOutputStream body = new ByteArrayOutputStream((int) drop.size(n) + 64);
    drop.render(n, -1, body);
    session.replyRaw(Pop3Reply.ok(drop.size(n) + " octets"), body);
  }
}
