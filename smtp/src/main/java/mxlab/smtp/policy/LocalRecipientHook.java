package mxlab.smtp.policy;

import mxlab.core.routing.Resolution;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/**
 * Recipients in our domains: expanded through virtual, aliases and forwards to mailboxes, or
 * refused as unknown (550 5.1.1) at RCPT rather than bounced later. Others are left to relaying.
 */
public final class LocalRecipientHook implements RcptHook {
  @Override
  public HookResult onRcpt(PolicyContext client, MailPath recipient) {
    Resolution r = client.site().router().resolve(recipient.address());
    if (r instanceof Resolution.Deliver d) {
      return HookResult.ok(new RecipientRoute.Local(d.mailboxes(), d.offsite()));
    }
    if (r instanceof Resolution.Reject reject) {
      return HookResult.refuse(reject.rejection().reply());
    }
    if (r instanceof Resolution.Unknown) {
      return HookResult.refuse(
          Replies.USER_UNKNOWN.withText(
              "<" + recipient.address() + ">: Recipient address rejected: User unknown"));
    }
    if (r instanceof Resolution.Loop) {
      return HookResult.refuse(Replies.ROUTING_LOOP);
    }
    return HookResult.declined(); // not ours: relaying decides
  }
}
