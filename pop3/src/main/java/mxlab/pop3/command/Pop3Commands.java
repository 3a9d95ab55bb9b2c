package mxlab.pop3.command;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** Every command by verb; the RFC 1939 minimal set must be there, or start-up fails. */
public final class Pop3Commands {
  private static final Set<String> MANDATORY =
      Set.of("USER", "PASS", "QUIT", "STAT", "LIST", "RETR", "DELE", "NOOP", "RSET");

  private final Map<String, Pop3Command> commands = new HashMap<>();

  public Pop3Commands(List<Pop3Command> list) {
    for (Pop3Command c : list) {
      if (commands.put(c.verb(), c) != null) {
        throw new IllegalStateException("two handlers for " + c.verb());
      }
    }
    for (String verb : MANDATORY) {
      if (!commands.containsKey(verb)) {
        throw new IllegalStateException("no handler for mandatory command " + verb);
      }
    }
  }

  public static Pop3Commands standard() {
    return new Pop3Commands(
        List.of(
            new UserCommand(),
            new PassCommand(),
            new ApopCommand(),
            new AuthCommand(),
            new StlsCommand(),
            new CapaCommand(),
            new StatCommand(),
            new ListCommand(),
            new UidlCommand(),
            new RetrCommand(),
            new TopCommand(),
            new DeleCommand(),
            new RsetCommand(),
            new NoopCommand(),
            new QuitCommand()));
  }

  public void dispatch(Pop3Session session, String line) throws IOException {
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : line.substring(space + 1).trim();
    Pop3Command command = commands.get(verb);
    if (command == null) {
      session.reply(Pop3Reply.UNKNOWN_COMMAND);
    } else if (!command.states().contains(session.state())) {
      session.reply(
          session.state() == Pop3State.AUTHORIZATION
              ? Pop3Reply.NOT_IN_TRANSACTION
              : Pop3Reply.NOT_IN_AUTHORIZATION);
    } else {
      command.handle(session, argument);
    }
  }
}
