package mxlab.pop3.command;

import java.io.IOException;
import java.util.Set;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** QUIT (RFC 1939 6): in TRANSACTION, applies the deletions first. */
final class QuitCommand implements Pop3Command {
  @Override
  public String verb() {
    return "QUIT";
  }

  @Override
  public Set<Pop3State> states() {
    return States.BOTH;
  }

  @Override
  public void handle(Pop3Session session, String argument) throws IOException {
    session.quit();
  }
}
