package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/**
 * The access map's To: keys (and untagged ones) against a recipient, as sendmail's
 * FEATURE(blocklist_recipients): REJECT, ERROR and DISCARD act; OK and RELAY are no verdict here
 * (whether RELAY relays is {@link RelayHook}'s question).
 */
public final class AccessToHook implements RcptHook {
  @Override
  public HookResult onRcpt(PolicyContext client, MailPath recipient) {
    boolean ours = client.site().router().isLocal(recipient.address().domain());
    return AccessReplies.of(
        client.site().access().lookupTo(recipient.address(), ours), Replies.ACCESS_DENIED);
  }
}
