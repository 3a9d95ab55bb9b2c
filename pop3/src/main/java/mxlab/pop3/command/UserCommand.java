package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** USER name (RFC 1939 7); refused in the clear unless the spec allows it (RFC 2595 4). */
final class UserCommand implements Pop3Command {
  @Override
  public String verb() {
    return "USER";
  }

  @Override
  public Set<Pop3State> states() {
    return States.AUTHORIZATION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    if (!session.plaintextAllowed()) {
      session.reply(Pop3Reply.PLAINTEXT_DISALLOWED);
    } else if (argument.isEmpty() || argument.contains(" ")) {
      session.reply(Pop3Reply.SYNTAX);
    } else {
      session.setUser(argument);
      session.reply(Pop3Reply.ok("Send PASS"));
    }
  }
}
