package mxlab.imap.command;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.mime.LineEnds;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.RawCommand;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.store.Flags;
import mxlab.store.Folder;
import mxlab.store.Message;

/**
 * APPEND mailbox [flags] [date-time] literal (RFC 3501 6.3.11), literal8 (RFC 3516 4.4) or UTF8
 * (literal8) (RFC 6855 4), answered with APPENDUID (RFC 4315). The literal's size was checked
 * against max_message_size before its octets were read.
 */
final class AppendCommand implements ImapCommand {
  @Override
  public String name() {
    return "APPEND";
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
    args.space();
    Flags flags = Flags.NONE;
    if (args.peek() == '(') {
      flags = StoreCommand.storable(args.flags());
      args.space();
    }
    Instant date = Instant.now();
    if (args.peek() == '"') {
      date = args.dateTime().toInstant();
      args.space();
    }
    byte[] content = message(session, args);
    args.end();
    if (content.length > session.site().spec().server().maxMessageSize()) {
      session.no(tag, "[TOOBIG] Message too big");
      return;
    }
    Optional<Folder> folder = session.mailbox().folder(mailbox);
    if (folder.isEmpty()) {
      session.no(tag, "[TRYCREATE] Mailbox doesn't exist"); // RFC 3501 6.3.11
      return;
    }
    Message m = folder.get().append(LineEnds.toLf(content), flags, date);
    session.ok(
        tag, "[APPENDUID " + folder.get().uidValidity() + " " + m.uid() + "] APPEND completed");
  }

  /**
   * The message: a literal or a literal8 (binary content, NUL and all, stored as it is), or after
   * ENABLE UTF8=ACCEPT "UTF8 (~{n}...)", a literal8 that may hold UTF-8 headers (RFC 6855 4;
   * Thunderbird 128 sends it).
   */
  private static byte[] message(ImapSession session, Arguments args) throws ImapSyntaxException {
    if (!args.peekAtom().equalsIgnoreCase("UTF8")) {
      return args.literal().octets();
    }
    args.atom();
    if (!session.utf8Accept()) {
      throw new ImapSyntaxException("UTF8 needs ENABLE UTF8=ACCEPT first");
    }
    args.space();
    args.expect('(');
    RawCommand.Literal literal = args.literal();
    if (!literal.binary()) {
      throw new ImapSyntaxException("UTF8 takes a literal8: ~{n}");
    }
    args.expect(')');
    return literal.octets();
  }
}
