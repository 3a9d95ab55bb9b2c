package mxlab.core.routing;

import java.util.List;
import mxlab.core.address.MailAddress;
import mxlab.core.spec.Rejection;

/** What becomes of one recipient address. */
public sealed interface Resolution {

  /** Not a domain we receive for: relaying, if policy allows it. */
  record Remote(MailAddress address) implements Resolution {}

  /**
   * Ours, and expanded: the mailboxes to store into and the off-site addresses (from aliases,
   * forwards, virtual) to queue.
   */
  record Deliver(List<Mailbox> mailboxes, List<MailAddress> offsite) implements Resolution {
    public Deliver {
      mailboxes = List.copyOf(mailboxes);
      offsite = List.copyOf(offsite);
    }
  }

  /** A virtusertable error entry. */
  record Reject(Rejection rejection) implements Resolution {}

  /** Ours, but no such user (RFC 5321: 550 5.1.1). */
  record Unknown(String address, String nearest) implements Resolution {}

  /** The address expands into itself; {@code chain} shows the way round. */
  record Loop(List<String> chain) implements Resolution {}
}
