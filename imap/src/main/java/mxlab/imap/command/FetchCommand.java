package mxlab.imap.command;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.imap.mime.BodyStructure;
import mxlab.imap.mime.Envelope;
import mxlab.imap.mime.MimePart;
import mxlab.imap.mime.UndecodablePartException;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.session.Response;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Flag;
import mxlab.store.Message;

/**
 * FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8): one response per message, streamed as it is made
 * (FETCH 1:* of 100,000 messages is never whole in memory); the message is parsed (once, through
 * the cache) only for items that need its content.
 */
final class FetchCommand implements ImapCommand {
  /** INTERNALDATE in UTC: the internal date is an instant (the file's time). */
  private static final DateTimeFormatter INTERNALDATE =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final FetchItems.Simple MODSEQ = new FetchItems.Simple("MODSEQ");

  private final boolean uid;

  FetchCommand(boolean uid) {
    this.uid = uid;
  }

  @Override
  public String name() {
    return uid ? "UID FETCH" : "FETCH";
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
    List<FetchItems.Item> items = FetchItems.read(args);
    long changedSince = changedSince(args);
    args.end();
    if (changedSince >= 0 && !items.contains(MODSEQ)) {
      items = new ArrayList<>(items);
      items.add(MODSEQ); // RFC 7162 3.1.4.1: CHANGEDSINCE implies MODSEQ
    }
    if (items.contains(MODSEQ)) {
      session.enable(ImapSession.CONDSTORE); // RFC 7162 3.1: a CONDSTORE enabling command
    }
    boolean condstore = session.condstore();
    boolean content = items.stream().anyMatch(FetchCommand::needsContent);
    boolean seen = !view.readOnly() && items.stream().anyMatch(FetchCommand::setsSeen);
    boolean gone = false;
    UndecodablePartException undecodable = null;
    for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
      Message m = view.message(i);
      if (m == null) {
        gone = true;
        continue;
      }
      if (m.modseq() <= changedSince) {
        continue;
      }
      MimePart parsed = null;
      if (content) {
        try {
          parsed = session.environment().cache().parsed(m);
        } catch (NoSuchFileException e) {
          Optional<Message> now = view.folder().message(m.uid()); // renamed by a flag change
          if (now.isEmpty()) {
            gone = true;
            continue;
          }
          m = now.get();
          parsed = session.environment().cache().parsed(m);
        }
      }
      Map<FetchItems.Item, byte[]> decoded;
      try {
        decoded = decoded(items, parsed);
      } catch (UndecodablePartException e) {
        undecodable = e; // RFC 3516 4.3: the request fails; this message is left as it was
        continue;
      }
      boolean flagsChanged = false;
      if (seen && !m.flags().has(Flag.SEEN)) {
        Optional<Message> marked = view.folder().setFlags(m.uid(), m.flags().with(Flag.SEEN));
        if (marked.isPresent()) {
          m = marked.get();
          view.updated(m);
          flagsChanged = true;
        }
      }
      session.sendPart(
          response(
              i + 1, m, view.flagNames(i, m), parsed, decoded, items, flagsChanged, condstore));
    }
    if (undecodable != null) {
      session.no(
          tag, (undecodable.unknownEncoding() ? "[UNKNOWN-CTE] " : "") + undecodable.getMessage());
    } else if (gone) {
      session.no(tag, "[EXPUNGEISSUED] Some messages were expunged"); // RFC 2180 4.1.2
    } else {
      session.ok(tag, name() + " completed");
    }
  }

  /** "(CHANGEDSINCE n)" after the items (RFC 7162 3.1.4.1), or -1 without it. */
  private static long changedSince(Arguments args) throws ImapSyntaxException {
    if (args.atEnd()) {
      return -1;
    }
    args.space();
    args.expect('(');
    if (!args.atom().equalsIgnoreCase("CHANGEDSINCE")) {
      throw new ImapSyntaxException("Unknown FETCH modifier");
    }
    args.space();
    long n = args.number64();
    if (n < 1) {
      throw new ImapSyntaxException("CHANGEDSINCE needs a mod-sequence above 0");
    }
    args.expect(')');
    return n;
  }

  /** The decoded octets of each BINARY item, a missing part's empty, before anything is sent. */
  private static Map<FetchItems.Item, byte[]> decoded(List<FetchItems.Item> items, MimePart p)
      throws UndecodablePartException {
    Map<FetchItems.Item, byte[]> decoded = new HashMap<>();
    for (FetchItems.Item item : items) {
      if (item instanceof FetchItems.Binary b && !decoded.containsKey(b)) {
        byte[] data = b.section().decoded(p);
        decoded.put(b, data == null ? new byte[0] : data);
      }
    }
    return decoded;
  }

  private byte[] response(
      int seq,
      Message m,
      List<String> flags,
      MimePart p,
      Map<FetchItems.Item, byte[]> decoded,
      List<FetchItems.Item> items,
      boolean flagsChanged,
      boolean condstore) {
    Response r = Response.untagged().number(seq).atom("FETCH").open();
    boolean hasUid = items.contains(new FetchItems.Simple("UID"));
    boolean hasFlags = items.contains(new FetchItems.Simple("FLAGS"));
    boolean hasModSeq = items.contains(MODSEQ);
    if (uid && !hasUid) {
      r.atom("UID").number(m.uid()); // RFC 3501 6.4.8
    }
    for (FetchItems.Item item : items) {
      if (item instanceof FetchItems.Simple s) {
        simple(r, s.name(), m, flags, p);
      } else if (item instanceof FetchItems.Body b) {
        byte[] data = b.section().extract(p);
        if (data == null) {
          data = new byte[0];
        }
        String label = "BODY[" + b.section().label() + "]";
        if (b.origin() >= 0) {
          label += "<" + b.origin() + ">";
          data = partial(data, b.origin(), b.count());
        }
        r.atom(label).literal(data);
      } else if (item instanceof FetchItems.Binary b) {
        byte[] data = decoded.get(b);
        String section = "[" + b.section().label() + "]";
        if (b.size()) {
          r.atom("BINARY.SIZE" + section).number(data.length);
          continue;
        }
        String label = "BINARY" + section;
        if (b.origin() >= 0) {
          label += "<" + b.origin() + ">"; // RFC 3516 4.3: the origin in the decoded data
          data = partial(data, b.origin(), b.count());
        }
        r.atom(label);
        if (containsNul(data)) {
          r.literal8(data); // RFC 3516 4.3: only a literal8 can carry a NUL
        } else {
          r.literal(data);
        }
      }
    }
    if (flagsChanged && !hasFlags) {
      r.atom("FLAGS").atomList(flags); // RFC 3501 6.4.5: \Seen was set
    }
    if (flagsChanged && condstore && !hasModSeq) {
      r.atom("MODSEQ").open().number(m.modseq()).close(); // RFC 7162 3.1.4
    }
    return r.close().line();
  }

  private static byte[] partial(byte[] data, long origin, long count) {
    int from = (int) Math.min(origin, data.length);
    int to = (int) Math.min((long) from + count, data.length);
    return Arrays.copyOfRange(data, from, to);
  }

  private static boolean containsNul(byte[] data) {
    for (byte b : data) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static void simple(Response r, String name, Message m, List<String> flags, MimePart p) {
    r.atom(name);
    switch (name) {
      case "FLAGS" -> r.atomList(flags);
      case "INTERNALDATE" -> r.string(INTERNALDATE.format(m.internalDate()));
      case "RFC822.SIZE" -> r.number(m.size());
      case "UID" -> r.number(m.uid());
      case "MODSEQ" -> r.open().number(m.modseq()).close();
      case "ENVELOPE" -> Envelope.write(r, p);
      case "BODYSTRUCTURE" -> BodyStructure.write(r, p, true);
      case "BODY" -> BodyStructure.write(r, p, false);
      case "RFC822" -> r.literal(p.entity());
      case "RFC822.HEADER" -> r.literal(p.header());
      default -> r.literal(p.body()); // RFC822.TEXT
    }
  }

  private static boolean needsContent(FetchItems.Item item) {
    return item instanceof FetchItems.Body
        || item instanceof FetchItems.Binary
        || item instanceof FetchItems.Simple s
            && Set.of("ENVELOPE", "BODYSTRUCTURE", "BODY", "RFC822", "RFC822.HEADER", "RFC822.TEXT")
                .contains(s.name());
  }

  /**
   * RFC 3501 6.4.5: BODY[...] and RFC822(.TEXT) set \Seen; BODY.PEEK and RFC822.HEADER do not. RFC
   * 3516 4.2: BINARY[...] does as BODY[...]; BINARY.PEEK and BINARY.SIZE do not.
   */
  private static boolean setsSeen(FetchItems.Item item) {
    return item instanceof FetchItems.Body b && !b.peek()
        || item instanceof FetchItems.Binary bin && !bin.peek() && !bin.size()
        || item instanceof FetchItems.Simple s
            && (s.name().equals("RFC822") || s.name().equals("RFC822.TEXT"));
  }
}
