package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/** RFC 5321 4.5.3.1.10: past the limit, 452 asks the client to send the rest later. */
public final class MaxRecipientsHook implements RcptHook {
  @Override
  public HookResult onRcpt(PolicyContext client, MailPath recipient) {
    int max = client.site().spec().server().limits().maxRecipients();
    return client.recipientCount() >= max
        ? HookResult.refuse(Replies.TOO_MANY_RECIPIENTS)
        : HookResult.declined();
  }
}
