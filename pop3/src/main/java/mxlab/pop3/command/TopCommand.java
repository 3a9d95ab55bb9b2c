package mxlab.pop3.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** TOP msg n (RFC 1939 7): the header and the first n lines of the body. */
final class TopCommand implements Pop3Command {
  @Override
  public String verb() {
    return "TOP";
  }

  @Override
  public Set<Pop3State> states() {
    return States.TRANSACTION;
  }

  @Override
  public void handle(Pop3Session session, String argument) throws IOException {
    String[] parts = argument.split(" ");
    if (parts.length != 2 || !parts[1].matches("\\d{1,9}")) {
      session.reply(Pop3Reply.SYNTAX);
      return;
    }
    int n = MessageNumber.of(session, parts[0]);
    if (n < 0) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    session.maildrop().render(n, Integer.parseInt(parts[1]), body);
    session.replyRaw(Pop3Reply.ok("top of message follows"), body);
  }
}
