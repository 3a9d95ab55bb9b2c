package mxlab.pop3.command;

import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.SessionMaildrop;

/** The msg argument of LIST, UIDL, RETR, TOP and DELE (RFC 1939 5). */
final class MessageNumber {
  private MessageNumber() {}

  /** The number, or -1 after answering the error for a bad or deleted one. */
  static int of(Pop3Session session, String argument) {
    if (!argument.matches("\\d{1,9}")) {
      session.reply(Pop3Reply.SYNTAX);
      return -1;
    }
    int n = Integer.parseInt(argument);
    SessionMaildrop drop = session.maildrop();
    if (drop.isDeleted(n)) {
      session.reply(Pop3Reply.ALREADY_DELETED);
      return -1;
    }
    if (!drop.exists(n)) {
      session.reply(Pop3Reply.NO_SUCH_MESSAGE);
      return -1;
    }
    return n;
  }
}
