package mxlab.imap.command;

import java.io.IOException;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/** One IMAP command. Stateless: all state lives in the {@link ImapSession}. */
public interface ImapCommand {
  /** "FETCH", or "UID FETCH" for the UID form. */
  String name();

  Set<ImapState> states();

  /**
   * Runs the command; {@code args} stand just after its name. A syntax error is answered {@code tag
   * BAD} by the registry.
   */
  void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException;
}
