package mxlab.smtp.policy;

import mxlab.smtp.command.MailPath;
import mxlab.smtp.reply.Replies;

/** The access map's To: keys (and untagged ones) against a recipient. */
public final class AccessToHook implements RcptHook {
  @Override
  public HookResult onRcpt(PolicyContext client, MailPath recipient) {
    return AccessReplies.of(
        client.site().access().lookupTo(recipient.address()), Replies.ACCESS_DENIED);
  }
}
