package mxlab.imap.command;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mxlab.core.text.Printable;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every command by name; the commands of RFC 3501 6 must all be there, or start-up fails. */
public final class ImapCommands {
  private static final Set<String> MANDATORY =
      Set.of(
          "CAPABILITY",
          "NOOP",
          "LOGOUT",
          "STARTTLS",
          "AUTHENTICATE",
          "LOGIN",
          "SELECT",
          "EXAMINE",
          "CREATE",
          "DELETE",
          "RENAME",
          "SUBSCRIBE",
          "UNSUBSCRIBE",
          "LIST",
          "LSUB",
          "STATUS",
          "APPEND",
          "CHECK",
          "CLOSE",
          "EXPUNGE",
          "SEARCH",
          "FETCH",
          "STORE",
          "COPY",
          "UID FETCH",
          "UID STORE",
          "UID COPY",
          "UID SEARCH");

  /** RFC 3501 7.4.1: an EXPUNGE response is never sent while responding to these. */
  private static final Set<String> NO_EXPUNGE =
      Set.of("FETCH", "STORE", "SEARCH", "UID FETCH", "UID STORE", "UID SEARCH");

  private static final Logger log = LoggerFactory.getLogger(ImapCommands.class);

  private final Map<String, ImapCommand> commands = new HashMap<>();

  public ImapCommands(List<ImapCommand> list) {
    for (ImapCommand c : list) {
      if (commands.put(c.name(), c) != null) {
        throw new IllegalStateException("two handlers for " + c.name());
      }
    }
    for (String name : MANDATORY) {
      if (!commands.containsKey(name)) {
        throw new IllegalStateException("no handler for mandatory command " + name);
      }
    }
  }

  public static ImapCommands standard() {
    return new ImapCommands(
        List.of(
            new CapabilityCommand(),
            new NoopCommand("NOOP"),
            new NoopCommand("CHECK"),
            new LogoutCommand(),
            new StartTlsCommand(),
            new LoginCommand(),
            new AuthenticateCommand(),
            new SelectCommand("SELECT", false),
            new SelectCommand("EXAMINE", true),
            new CreateCommand(),
            new DeleteCommand(),
            new RenameCommand(),
            new SubscribeCommand("SUBSCRIBE", true),
            new SubscribeCommand("UNSUBSCRIBE", false),
            new ListCommand("LIST"),
            new ListCommand("LSUB"),
            new StatusCommand(),
            new AppendCommand(),
            new CloseCommand("CLOSE"),
            new CloseCommand("UNSELECT"),
            new ExpungeCommand(false),
            new ExpungeCommand(true),
            new SearchCommand(false),
            new SearchCommand(true),
            new FetchCommand(false),
            new FetchCommand(true),
            new StoreCommand(false),
            new StoreCommand(true),
            new CopyCommand(false, false),
            new CopyCommand(true, false),
            new CopyCommand(false, true),
            new CopyCommand(true, true),
            new IdleCommand(),
            new NamespaceCommand(),
            new IdCommand(),
            new EnableCommand()));
  }

  public static boolean forbidsExpunge(String name) {
    return NO_EXPUNGE.contains(name);
  }

  /** Runs a command by name if the session's state allows it (RFC 3501 3). */
  public void run(ImapSession session, String tag, String name, Arguments args) throws IOException {
    ImapCommand command = commands.get(name);
    if (command == null) {
      session.bad(tag, "Unknown command " + (name.length() > 20 ? name.substring(0, 20) : name));
      return;
    }
    if (!command.states().contains(session.state())) {
      session.bad(tag, outOfState(command.states(), session.state()));
      return;
    }
    try {
      command.handle(session, tag, args);
    } catch (ImapSyntaxException e) {
      session.bad(tag, e.getMessage());
    } catch (IOException e) {
      // the store failed (a full disk, a folder removed under us): this command fails, not the
      // session
      log.warn("imap: {} failed: {}", Printable.escape(name), Printable.escape(e), e);
      session.no(tag, "[SERVERBUG] Internal error"); // RFC 5530
    }
  }

  private static String outOfState(Set<ImapState> allowed, ImapState state) {
    if (state == ImapState.NOT_AUTHENTICATED) {
      return "Log in first";
    }
    return allowed.contains(ImapState.NOT_AUTHENTICATED)
        ? "Already logged in"
        : "Select a mailbox first";
  }
}
