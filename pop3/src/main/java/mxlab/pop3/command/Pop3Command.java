package mxlab.pop3.command;

import java.io.IOException;
import java.util.Set;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** One POP3 command. Stateless: all state lives in the {@link Pop3Session}. */
public interface Pop3Command {
  String verb();

  Set<Pop3State> states();

  void handle(Pop3Session session, String argument) throws IOException;
}
