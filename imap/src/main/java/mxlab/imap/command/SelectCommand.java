package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Flag;
import mxlab.store.Folder;

/** SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2). */
final class SelectCommand implements ImapCommand {
  private final String name;
  private final boolean readOnly;

  SelectCommand(String name, boolean readOnly) {
    this.name = name;
    this.readOnly = readOnly;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    String mailbox = MailboxNames.read(args, session.utf8Accept());
    boolean condstore = false;
    if (!args.atEnd()) {
      args.space();
      args.expect('('); // RFC 4466 select-params; CONDSTORE is the one we know (RFC 7162 3.1.8)
      if (!args.atom().equalsIgnoreCase(ImapSession.CONDSTORE)) {
        throw new ImapSyntaxException("Unknown SELECT parameter");
      }
      args.expect(')');
      condstore = true;
    }
    args.end();
    session.unselect(); // RFC 3501 6.3.1: even if this SELECT fails
    Optional<Folder> folder = session.mailbox().folder(mailbox);
    if (folder.isEmpty()) {
      session.no(tag, "[NONEXISTENT] Mailbox doesn't exist");
      return;
    }
    Folder f = folder.get();
    if (condstore) {
      session.enable(ImapSession.CONDSTORE);
    }
    SelectedFolder view = session.select(f, readOnly);
    List<String> flags = new ArrayList<>();
    for (Flag s : Flag.values()) {
      flags.add(s.imapName());
    }
    flags.addAll(f.keywords());
    String list = "(" + String.join(" ", flags) + ")";
    session.untagged("FLAGS " + list);
    session.untagged(view.exists() + " EXISTS");
    session.untagged(view.recentCount() + " RECENT");
    int unseen = view.firstUnseen();
    if (unseen > 0) {
      session.untagged("OK [UNSEEN " + unseen + "] First unseen");
    }
    session.untagged("OK [UIDVALIDITY " + f.uidValidity() + "] UIDs valid");
    session.untagged("OK [UIDNEXT " + f.uidNext() + "] Predicted next UID");
    session.untagged(
        "OK [PERMANENTFLAGS "
            + (readOnly ? "()" : list.substring(0, list.length() - 1) + " \\*)")
            + "] Flags permitted");
    // RFC 7162 3.1.2.1: every folder keeps its mod-sequences, so this comes with every SELECT
    session.untagged("OK [HIGHESTMODSEQ " + f.highestModSeq() + "] Highest");
    session.ok(tag, (readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + name + " completed");
  }
}
