package mxlab.smtp.policy;

import mxlab.core.access.AccessMap;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/**
 * Mail for a domain we do not host is relayed, as in sendmail's check_rcpt (Rcpt_ok, then
 * Relay_ok), only for: an authenticated user; a recipient domain in relay_domains (or below one); a
 * recipient domain the access map says RELAY to ({@link AccessMap#relaysTo}); a client whose
 * address or name the access map says RELAY for. OK relays nothing, and neither does a sender
 * address (sendmail's FEATURE(relay_mail_from) is not offered). Everything else: 550 5.7.1 Relaying
 * denied. Not an open relay.
 */
public final class RelayHook implements RcptHook {
  @Override
  public HookResult onRcpt(PolicyContext client, MailPath recipient) {
    String domain = recipient.address().domain();
    AccessMap access = client.site().access();
    if (client.authenticatedUser() != null
        || client.site().isRelayDomain(domain)
        || access.relaysTo(domain)
        || access.relaysFor(client.clientAddress(), client.clientName())) {
      return HookResult.ok(new RecipientRoute.Remote(recipient.address()));
    }
    return HookResult.refuse(Replies.RELAY_DENIED);
  }
}
