package mxlab.pop3.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mxlab.core.routing.Mailbox;

/** RFC 1939 8: one POP3 session per maildrop at a time; the second gets [IN-USE]. */
public final class MailboxLocks {
  private final Set<Mailbox> held = ConcurrentHashMap.newKeySet();

  public boolean tryLock(Mailbox mailbox) {
    return held.add(mailbox);
  }

  public void unlock(Mailbox mailbox) {
    held.remove(mailbox);
  }
}
