package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/** The access map's From: keys (and untagged ones) against the envelope sender. */
public final class AccessFromHook implements MailHook {
  @Override
  public HookResult onMail(PolicyContext client, MailPath sender) {
    return AccessReplies.of(
        client.site().access().lookupFrom(sender.address()), Replies.ACCESS_DENIED);
  }
}
