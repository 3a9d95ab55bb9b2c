package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/**
 * Refuses the old ways of smuggling a relay through a local address: {@code user%other@host},
 * {@code other!user@host} and {@code "user@other"@host}. (Source routes are dropped by the parser
 * and {@code user@other@host} is no address at all.)
 */
public final class RoutingTrickHook implements RcptHook {
  @Override
  public HookResult onRcpt(PolicyContext client, MailPath recipient) {
    String local = recipient.rawLocal();
    return local.indexOf('%') >= 0 || local.indexOf('!') >= 0 || local.indexOf('@') >= 0
        ? HookResult.refuse(Replies.ROUTING_TRICK)
        : HookResult.declined();
  }
}
