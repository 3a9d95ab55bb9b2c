package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.SequenceSet;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.session.Response;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Flag;
import mxlab.store.FlagUpdate;
import mxlab.store.Flags;
import mxlab.store.Message;

/**
 * STORE and UID STORE set [+|-]FLAGS[.SILENT] flags (RFC 3501 6.4.6), the flags with or without
 * parentheses; each changed message is answered with its new FLAGS unless SILENT. With
 * (UNCHANGEDSINCE n) only messages unchanged since mod-sequence n are changed (RFC 7162 3.1.3).
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
    long unchangedSince = Long.MAX_VALUE;
    if (args.tryChar('(')) {
      unchangedSince = unchangedSince(args);
      args.space();
    }
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
    if (unchangedSince != Long.MAX_VALUE) {
      session.enable(ImapSession.CONDSTORE); // RFC 7162 3.1: a CONDSTORE enabling command
    }
    boolean condstore = session.condstore();
    UnaryOperator<Flags> change =
        switch (op) {
          case "+FLAGS" -> f -> f.plus(given);
          case "-FLAGS" -> f -> f.minus(given);
          default -> f -> given;
        };
    boolean gone = false;
    List<Long> modified = new ArrayList<>();
    for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
      Message before = view.message(i);
      if (before == null) {
        gone = true;
        continue;
      }
      Optional<FlagUpdate> update = view.folder().updateFlags(view.uid(i), change, unchangedSince);
      if (update.isEmpty()) {
        gone = true;
        continue;
      }
      if (update.get().modifiedSince()) {
        modified.add(uid ? view.uid(i) : i + 1); // RFC 7162 3.1.3: not changed, told in MODIFIED
        continue;
      }
      Message m = update.get().message();
      view.updated(m);
      // RFC 7162 3.1.3: with CONDSTORE a change is told with its MODSEQ even when SILENT
      boolean changed = m.modseq() != before.modseq();
      if (!silent || condstore && changed) {
        Response r = Response.untagged().number(i + 1).atom("FETCH").open();
        if (!silent) {
          r.atom("FLAGS").atomList(view.flagNames(i, m));
        }
        if (uid) {
          r.atom("UID").number(m.uid());
        }
        if (condstore) {
          r.atom("MODSEQ").open().number(m.modseq()).close();
        }
        session.send(r.close().line());
      }
    }
    if (gone) {
      session.no(tag, "Some of the messages no longer exist"); // RFC 2180 4.2.1
    } else if (!modified.isEmpty()) {
      session.ok(tag, "[MODIFIED " + SequenceSet.compress(modified) + "] Conditional STORE failed");
    } else {
      session.ok(tag, name() + " completed");
    }
  }

  /** "(UNCHANGEDSINCE n)" before the item (RFC 7162 3.1.3), the "(" read. */
  private static long unchangedSince(Arguments args) throws ImapSyntaxException {
    if (!args.atom().equalsIgnoreCase("UNCHANGEDSINCE")) {
      throw new ImapSyntaxException("Unknown STORE modifier");
    }
    args.space();
    long n = args.number64();
    args.expect(')');
    return n;
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
