package mxlab.web.auth;

import mxlab.core.routing.Mailbox;

/**
 * Who is logged in: an admin (sees the whole lab) or a user (sees their own mailbox only, the way
 * webmail would show it).
 *
 * @param mailbox the user's mailbox; null for an admin
 */
public record Principal(String name, boolean admin, Mailbox mailbox) {
  public static Principal ofAdmin() {
    return new Principal("admin", true, null);
  }

  public static Principal ofUser(Mailbox mailbox) {
    return new Principal(mailbox.address(), false, mailbox);
  }

  public boolean mayRead(String domain, String user) {
    return admin
        || (mailbox.domain().equalsIgnoreCase(domain) && mailbox.user().equalsIgnoreCase(user));
  }
}
