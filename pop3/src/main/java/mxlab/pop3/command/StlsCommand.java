package mxlab.pop3.command;

import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** STLS (RFC 2595 4). */
final class StlsCommand implements Pop3Command {
  @Override
  public String verb() {
    return "STLS";
  }

  @Override
  public Set<Pop3State> states() {
    return States.AUTHORIZATION;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    if (session.tlsActive()) {
      session.reply(Pop3Reply.TLS_ACTIVE);
    } else if (!session.tlsAvailable()) {
      session.reply(Pop3Reply.TLS_UNAVAILABLE);
    } else {
      session.startTls();
    }
  }
}
