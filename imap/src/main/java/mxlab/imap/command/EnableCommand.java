package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;

/**
 * ENABLE (RFC 5161): "* ENABLED" names what this command turned on; what the server does not know,
 * or had on already, is left out.
 */
final class EnableCommand implements ImapCommand {

  @Override
  public String name() {
    return "ENABLE";
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    if (args.atEnd()) {
      throw new ImapSyntaxException("ENABLE needs a capability");
    }
    List<String> now = new ArrayList<>();
    while (!args.atEnd()) {
      args.space();
      String extension = args.atom().toUpperCase(Locale.ROOT);
      if (ImapSession.ENABLEABLE.contains(extension) && session.enable(extension)) {
        now.add(extension);
      }
    }
    StringBuilder enabled = new StringBuilder("ENABLED");
    now.forEach(e -> enabled.append(' ').append(e));
    session.untagged(enabled.toString());
    session.ok(tag, "ENABLE completed");
  }
}
