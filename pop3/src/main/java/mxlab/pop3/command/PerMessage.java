package mxlab.pop3.command;

import java.util.function.IntFunction;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.SessionMaildrop;

/** LIST and UIDL: "n value" for one message, or a multi-line listing of every undeleted one. */
final class PerMessage {
  private PerMessage() {}

  static void reply(
      Pop3Session session, String argument, IntFunction<Object> value, byte[] listingStatus) {
    SessionMaildrop drop = session.maildrop();
    if (!argument.isEmpty()) {
      int n = MessageNumber.of(session, argument);
      if (n > 0) {
        session.reply(Pop3Reply.ok(n + " " + value.apply(n)));
      }
      return;
    }
    StringBuilder list = new StringBuilder();
    for (int n = 1; n <= drop.total(); n++) {
      if (drop.exists(n)) {
        list.append(n).append(' ').append(value.apply(n)).append("\r\n");
      }
    }
    session.reply(listingStatus);
    session.reply(Pop3Reply.line(list.append('.').toString()));
  }
}
