package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/** RFC 1870: a declared SIZE over max_message_size is refused at MAIL, before any data moves. */
public final class MessageSizeHook implements MailHook {
  @Override
  public HookResult onMail(PolicyContext client, MailPath sender) {
    String size = sender.params().get("SIZE");
    if (size == null) {
      return HookResult.declined();
    }
    if (!size.matches("\\d{1,18}")) {
      return HookResult.refuse(Replies.SYNTAX);
    }
    return Long.parseLong(size) > client.site().spec().server().maxMessageSize()
        ? HookResult.refuse(Replies.SIZE_EXCEEDED)
        : HookResult.declined();
  }
}
