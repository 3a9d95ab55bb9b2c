package mxlab.smtp.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mxlab.smtp.reply.Replies;

/**
 * Every command by verb. Built once at start-up; a missing mandatory command (RFC 5321 4.5.1) fails
 * then, not when a client first sends it.
 */
public final class CommandRegistry {
  private static final Set<String> MANDATORY =
      Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "VRFY");

  /** Requests of web browsers and proxies: a cross-protocol attempt, not a confused client. */
  private static final Set<String> HTTP =
      Set.of("GET", "POST", "HEAD", "PUT", "DELETE", "CONNECT", "OPTIONS", "PATCH", "TRACE");

  private final Map<String, CommandHandler> handlers = new HashMap<>();

  public CommandRegistry(List<CommandHandler> list) {
    for (CommandHandler h : list) {
      if (handlers.put(h.verb(), h) != null) {
        throw new IllegalStateException("two handlers for " + h.verb());
      }
    }
    for (String verb : MANDATORY) {
      if (!handlers.containsKey(verb)) {
        throw new IllegalStateException("no handler for mandatory command " + verb);
      }
    }
  }

  public static CommandRegistry standard() {
    return new CommandRegistry(
        List.of(
            new EhloCommand(),
            new HeloCommand(),
            new MailCommand(),
            new RcptCommand(),
            new DataCommand(),
            new RsetCommand(),
            new NoopCommand(),
            new QuitCommand(),
            new VrfyCommand(),
            new ExpnCommand(),
            new HelpCommand(),
            new StartTlsCommand(),
            new AuthCommand()));
  }

  /** These commands with {@code handler} added, or in place of the one for its verb. */
  public CommandRegistry with(CommandHandler handler) {
    List<CommandHandler> list = new ArrayList<>();
    handlers.values().stream().filter(h -> !h.verb().equals(handler.verb())).forEach(list::add);
    list.add(handler);
    return new CommandRegistry(list);
  }

  public void dispatch(CommandContext session, String line) throws IOException {
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : line.substring(space + 1);
    CommandHandler handler = handlers.get(verb);
    if (handler == null) {
      if (HTTP.contains(verb)) {
        session.closeWith(Replies.NOT_HTTP);
      } else {
        session.reply(Replies.UNKNOWN_COMMAND);
      }
      return;
    }
    if (session.refusal() != null && !verb.equals("QUIT")) {
      session.reply(session.refusal()); // RFC 5321 3.1: a refused client may only QUIT
      return;
    }
    if (!handler.states().contains(session.state())) {
      session.reply(handler.outOfSequence(session.state()));
      return;
    }
    handler.handle(session, argument);
  }
}
