package mxlab.imap.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.search.Candidate;
import mxlab.imap.search.SearchKey;
import mxlab.imap.search.SearchParser;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Message;

/** SEARCH and UID SEARCH [CHARSET UTF-8|US-ASCII] keys (RFC 3501 6.4.4). */
final class SearchCommand implements ImapCommand {
  private final boolean uid;

  SearchCommand(boolean uid) {
    this.uid = uid;
  }

  @Override
  public String name() {
    return uid ? "UID SEARCH" : "SEARCH";
  }

  @Override
  public Set<ImapState> states() {
    return States.SELECTED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    if (args.peekAtom().equalsIgnoreCase("CHARSET")) {
      args.atom();
      args.space();
      String charset = args.astring().toUpperCase(Locale.ROOT);
      args.space();
      if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
        session.no(tag, "[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset"); // RFC 5530
        return;
      }
    }
    SearchKey key = SearchParser.keys(args);
    SelectedFolder view = session.selected();
    StringBuilder out = new StringBuilder("SEARCH");
    long maxUid = view.exists() == 0 ? 0 : view.uid(view.exists() - 1);
    List<Message> now = view.folder().messages(); // flags and files as they are now
    try {
      for (int i = 0; i < view.exists(); i++) {
        Message m = SelectedFolder.find(now, view.uid(i));
        if (m == null) {
          continue; // expunged meanwhile: nothing to match
        }
        Candidate c = new Candidate(i + 1, m, view.exists(), maxUid, session.environment().cache());
        if (key.matches(c)) {
          out.append(' ').append(uid ? m.uid() : i + 1);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    session.untagged(out.toString());
    session.ok(tag, name() + " completed");
  }
}
