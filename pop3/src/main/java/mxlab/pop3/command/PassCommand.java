package mxlab.pop3.command;

import java.io.IOException;
import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** PASS secret, after USER (RFC 1939 7); the secret may contain spaces. */
final class PassCommand implements Pop3Command {
  @Override
  public String verb() {
    return "PASS";
  }

  @Override
  public Set<Pop3State> states() {
    return States.AUTHORIZATION;
  }

  @Override
  public void handle(Pop3Session session, String argument) throws IOException {
    if (session.user() == null) {
      session.reply(Pop3Reply.USER_FIRST);
    } else {
      session.login(session.user(), argument);
    }
  }
}
