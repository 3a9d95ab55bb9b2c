package mxlab.smtp.policy;

import java.util.Optional;
import mxlab.core.spec.AccessEntry;
import mxlab.smtp.command.MailPath;
import mxlab.smtp.reply.Replies;

/**
 * Mail for a domain we do not host is relayed only for an authenticated user, a client the access
 * map trusts (Connect: RELAY), a recipient the access map allows (To: RELAY or OK), or a domain in
 * relay_domains. Everything else: 550 5.7.1 Relaying denied. Not an open relay.
 */
public final class RelayHook implements RcptHook {
  @Override
  public HookResult onRcpt(PolicyContext client, MailPath recipient) {
    RecipientRoute remote = new RecipientRoute.Remote(recipient.address());
    if (client.authenticatedUser() != null) {
      return HookResult.ok(remote);
    }
    var access = client.site().access();
    if (is(access.lookupConnect(client.clientAddress(), client.clientName()), true)
        || is(access.lookupTo(recipient.address()), false)
        || client.site().isRelayDomain(recipient.address().domain())) {
      return HookResult.ok(remote);
    }
    return HookResult.refuse(Replies.RELAY_DENIED);
  }

  private static boolean is(Optional<AccessEntry> entry, boolean relayOnly) {
    return entry
        .map(
            e ->
                e.action() == AccessEntry.Action.RELAY
                    || (!relayOnly && e.action() == AccessEntry.Action.OK))
        .orElse(false);
  }
}
