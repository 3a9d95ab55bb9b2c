package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.Response;
import mxlab.store.Flag;
import mxlab.store.Folder;
import mxlab.store.Message;

/** The STATUS data items (RFC 3501 6.3.10), for STATUS and LIST-STATUS (RFC 5819). */
final class StatusItems {
  private static final List<String> KNOWN =
      List.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "SIZE", "HIGHESTMODSEQ");

  private StatusItems() {}

  /** "(MESSAGES UNSEEN ...)". */
  static List<String> read(Arguments args) throws ImapSyntaxException {
    args.expect('(');
    List<String> items = new ArrayList<>();
    while (!args.tryChar(')')) {
      if (!items.isEmpty()) {
        args.space();
      }
      String item = args.atom().toUpperCase(Locale.ROOT);
      if (!KNOWN.contains(item)) {
        throw new ImapSyntaxException("Unknown STATUS item " + item);
      }
      items.add(item);
    }
    if (items.isEmpty()) {
      throw new ImapSyntaxException("STATUS needs at least one item");
    }
    return items;
  }

  /** "* STATUS name (MESSAGES 3 UNSEEN 1)". */
  static byte[] response(Folder folder, List<String> items, boolean utf8) throws IOException {
    List<Message> messages = folder.messages();
    Response r =
        Response.untagged().atom("STATUS").astring(MailboxNames.toWire(folder.name(), utf8));
    r.open();
    for (String item : items) {
      r.atom(item);
      switch (item) {
        case "MESSAGES" -> r.number(messages.size());
        case "RECENT" -> {
          long first = folder.firstRecent(); // what no session has claimed (RFC 3501 2.3.2)
          r.number(messages.stream().filter(m -> m.uid() >= first).count());
        }
        case "UIDNEXT" -> r.number(folder.uidNext());
        case "UIDVALIDITY" -> r.number(folder.uidValidity());
        case "UNSEEN" -> r.number(messages.stream().filter(m -> !m.flags().has(Flag.SEEN)).count());
        case "HIGHESTMODSEQ" -> r.number(folder.highestModSeq()); // RFC 7162 3.1.2.2
        default -> r.number(messages.stream().mapToLong(Message::size).sum()); // RFC 8438 SIZE
      }
    }
    return r.close().line();
  }
}
