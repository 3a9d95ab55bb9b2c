package mxlab.pop3.command;

import java.io.IOException;
import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** APOP name digest (RFC 1939 7), where the stored secret allows it. */
final class ApopCommand implements Pop3Command {
  @Override
  public String verb() {
    return "APOP";
  }

  @Override
  public Set<Pop3State> states() {
    return States.AUTHORIZATION;
  }

  @Override
  public void handle(Pop3Session session, String argument) throws IOException {
    String[] parts = argument.split(" ");
    if (parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{32}")) {
      session.reply(Pop3Reply.SYNTAX);
    } else {
      session.apop(parts[0], parts[1]);
    }
  }
}
