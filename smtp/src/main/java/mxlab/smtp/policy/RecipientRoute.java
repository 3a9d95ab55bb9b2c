package mxlab.smtp.policy;

import java.util.List;
import mxlab.core.address.MailAddress;
import mxlab.core.routing.Mailbox;

/** Where an accepted recipient's copy goes. */
public sealed interface RecipientRoute {
  /** Ours: these mailboxes, plus off-site targets of its aliases and forwards. */
  record Local(List<Mailbox> mailboxes, List<MailAddress> offsite) implements RecipientRoute {}

  /** Relayed: into the outbound queue. */
  record Remote(MailAddress address) implements RecipientRoute {}

  /** Accepted and dropped, by an access map DISCARD. */
  record Discard() implements RecipientRoute {}
}
