package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Flag;
import mxlab.store.Message;

/**
 * CLOSE (RFC 3501 6.4.2: expunges \Deleted silently, unless read-only) and UNSELECT (RFC 3691: does
 * not).
 */
final class CloseCommand implements ImapCommand {
  private final String name;

  CloseCommand(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<ImapState> states() {
    return States.SELECTED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.end();
    SelectedFolder view = session.selected();
    if (name.equals("CLOSE") && !view.readOnly()) {
      List<Long> deleted = new ArrayList<>();
      for (Message m : view.folder().messages()) {
        if (m.flags().has(Flag.DELETED)) {
          deleted.add(m.uid());
        }
      }
      view.folder().expunge(deleted);
    }
    session.unselect();
    session.ok(tag, name + " completed");
  }
}
