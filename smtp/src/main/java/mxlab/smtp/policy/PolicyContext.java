package mxlab.smtp.policy;

import java.net.InetAddress;
import mxlab.core.site.Site;

/** What hooks may know about the client: enough to decide, nothing about sockets. */
public interface PolicyContext {
  Site site();

  /** Whether the client came to a submission port (RFC 6409), not to port 25. */
  boolean submission();

  InetAddress clientAddress();

  /** The client's host name by reverse DNS, or null if unknown or not looked up. */
  String clientName();

  /** The name the client gave in EHLO or HELO (SPF's HELO identity, RFC 7208 2.3), or null. */
  String helo();

  /** The authenticated login, or null. */
  String authenticatedUser();

  /** Recipients accepted so far in this transaction. */
  int recipientCount();
}
