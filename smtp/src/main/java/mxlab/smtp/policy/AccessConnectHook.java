package mxlab.smtp.policy;

import mxlab.smtp.reply.Replies;

/** The access map's Connect: keys (and untagged ones): REJECT refuses the greeting. */
public final class AccessConnectHook implements ConnectHook {
  @Override
  public HookResult onConnect(PolicyContext client) {
    return AccessReplies.of(
        client.site().access().lookupConnect(client.clientAddress(), client.clientName()),
        Replies.CONNECT_DENIED);
  }
}
