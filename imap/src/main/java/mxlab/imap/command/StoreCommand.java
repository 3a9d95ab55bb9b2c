package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.session.Response;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Flag;
import mxlab.store.Flags;
import mxlab.store.Message;

/**
 * STORE and UID STORE set [+|-]FLAGS[.SILENT] flags (RFC 3501 6.4.6), the flags with or without
 * parentheses; each changed message is answered with its new FLAGS unless SILENT.
 */
final class StoreCommand implements ImapCommand {
  private final boolean uid;

  StoreCommand(boolean uid) {
    this.uid = uid;
  }

  @Override
  public String name() {
    return uid ? "UID STORE" : "STORE";
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
    String item = args.atom().toUpperCase(Locale.ROOT);
    boolean silent = item.endsWith(".SILENT");
    String op = silent ? item.substring(0, item.length() - ".SILENT".length()) : item;
    if (!Set.of("FLAGS", "+FLAGS", "-FLAGS").contains(op)) {
      throw new ImapSyntaxException("Expected FLAGS, +FLAGS or -FLAGS");
    }
    args.space();
    Flags given = storable(args.flags());
    args.end();
    if (view.readOnly()) {
      session.no(tag, "[READ-ONLY] Mailbox is read-only");
      return;
    }
    List<Long> named = new ArrayList<>();
    which.stream().forEach(i -> named.add(view.uid(i)));
    Map<Long, Message> now = view.folder().messages(named); // the flags as they are now
    boolean gone = false;
    for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
      Message m = now.get(view.uid(i));
      if (m == null || view.message(i) == null) {
        gone = true;
        continue;
      }
      Flags target =
          switch (op) {
            case "+FLAGS" -> m.flags().plus(given);
            case "-FLAGS" -> m.flags().minus(given);
            default -> given;
          };
      Optional<Message> changed = view.folder().setFlags(m.uid(), target);
      if (changed.isEmpty()) {
        gone = true;
        continue;
      }
      view.updated(changed.get());
      if (!silent) {
        Response r = Response.untagged().number(i + 1).atom("FETCH").open();
        r.atom("FLAGS").atomList(changed.get().flags().imapNames());
        if (uid) {
          r.atom("UID").number(m.uid());
        }
        session.send(r.close().line());
      }
    }
    if (gone) {
      session.no(tag, "Some of the messages no longer exist"); // RFC 2180 4.2.1
    } else {
      session.ok(tag, name() + " completed");
    }
  }

  /** Flags a client may set: system flags but \Recent (which is the server's), and keywords. */
  static Flags storable(List<String> names) throws ImapSyntaxException {
    List<String> kept = new ArrayList<>();
    for (String n : names) {
      if (n.startsWith("\\")) {
        if (n.equalsIgnoreCase("\\Recent")) {
          continue;
        }
        if (Flag.ofImapName(n).isEmpty()) {
          throw new ImapSyntaxException("Invalid flag " + n);
        }
      }
      kept.add(n);
    }
    return Flags.parse(kept);
  }
}
