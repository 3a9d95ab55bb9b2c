package mxlab.smtp.policy;

import mxlab.core.reply.SmtpReply;
import mxlab.smtp.reply.Replies;

/**
 * The access map's Connect: keys (and untagged ones), as sendmail's check_relay. RFC 5321 3.1
 * allows only 554 in place of the greeting, so a permanent refusal (REJECT, ERROR:5xx) becomes 554
 * with the entry's status and text; a temporary one (ERROR:4xx) stays as it is, for the session to
 * answer each command with.
 */
public final class AccessConnectHook implements ConnectHook {
  @Override
  public HookResult onConnect(PolicyContext client) {
    HookResult r =
        AccessReplies.of(
            client.site().access().lookupConnect(client.clientAddress(), client.clientName()),
            Replies.CONNECT_DENIED);
    if (r.refused() && r.reply().isPermanentError() && r.reply().code() != 554) {
      SmtpReply why = r.reply();
      return HookResult.refuse(SmtpReply.of(554, why.status(), why.text()));
    }
    return r;
  }
}
