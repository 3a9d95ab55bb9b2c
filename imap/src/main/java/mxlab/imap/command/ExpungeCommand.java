package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
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
 * EXPUNGE (RFC 3501 6.4.3) and UID EXPUNGE set (RFC 4315 2.1): removes the \Deleted messages; the
 * EXPUNGE responses come from the report after the command.
 */
final class ExpungeCommand implements ImapCommand {
  private final boolean uid;

  ExpungeCommand(boolean uid) {
    this.uid = uid;
  }

  @Override
  public String name() {
    return uid ? "UID EXPUNGE" : "EXPUNGE";
  }

  @Override
  public Set<ImapState> states() {
    return States.SELECTED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    SelectedFolder view = session.selected();
    BitSet only = null;
    if (uid) {
      args.space();
      only = view.select(args.sequenceSet(), true);
    }
    args.end();
    if (view.readOnly()) {
      session.no(tag, "[READ-ONLY] Mailbox is read-only");
      return;
    }
    List<Long> deleted = new ArrayList<>();
    for (Message m : view.folder().messages()) { // the flags as they are now
      int i = view.indexOf(m.uid());
      if (i >= 0 && (only == null || only.get(i)) && m.flags().has(Flag.DELETED)) {
        deleted.add(m.uid());
      }
    }
    view.folder().expunge(deleted);
    session.poll();
    session.ok(tag, name() + " completed");
  }
}
