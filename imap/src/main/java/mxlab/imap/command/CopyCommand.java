package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.SequenceSet;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Folder;

/**
 * COPY and MOVE, plain and UID (RFC 3501 6.4.7, RFC 6851), answered with COPYUID (RFC 4315): in the
 * tagged OK for COPY, in an untagged OK before the EXPUNGEs for MOVE.
 */
final class CopyCommand implements ImapCommand {
  private final boolean uid;
  private final boolean move;

  CopyCommand(boolean uid, boolean move) {
    this.uid = uid;
    this.move = move;
  }

  @Override
  public String name() {
    return (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
  }

  @Override
  public Set<ImapState> states() {
    return States.SELECTED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    SelectedFolder view = session.selected();
    args.space();
    BitSet which = view.select(args.sequenceSet(), uid);
    args.space();
    String mailbox = MailboxNames.read(args, session.utf8Accept());
    args.end();
    Optional<Folder> target = session.mailbox().folder(mailbox);
    if (target.isEmpty()) {
      session.no(tag, "[TRYCREATE] Mailbox doesn't exist");
      return;
    }
    if (move && view.readOnly()) {
      session.no(tag, "[READ-ONLY] Mailbox is read-only");
      return;
    }
    List<Long> uids = new ArrayList<>();
    for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
      if (view.message(i) != null) {
        uids.add(view.uid(i));
      }
    }
    Map<Long, Long> copied =
        move ? view.folder().moveTo(uids, target.get()) : view.folder().copyTo(uids, target.get());
    String code =
        copied.isEmpty()
            ? ""
            : "[COPYUID "
                + target.get().uidValidity()
                + " "
                + SequenceSet.compress(copied.keySet())
                + " "
                + SequenceSet.compress(copied.values())
                + "] ";
    if (move) {
      if (!code.isEmpty()) {
        session.untagged("OK " + code.trim() + " Moved");
      }
      session.poll(); // RFC 6851 3.3: the EXPUNGEs before the tagged OK
      session.ok(tag, name() + " completed");
    } else {
      session.ok(tag, code + name() + " completed");
    }
  }
}
