package mxlab.smtp.policy;

import java.net.InetAddress;
import mxlab.core.site.Site;
import mxlab.smtp.session.SmtpMode;

/** What hooks may know about the client: enough to decide, nothing about sockets. */
public interface PolicyContext {
  Site site();

  SmtpMode mode();

  InetAddress clientAddress();

  /** The client's host name by reverse DNS, or null if unknown or not looked up. */
  String clientName();

  /** The authenticated login, or null. */
  String authenticatedUser();

  /** Recipients accepted so far in this transaction. */
  int recipientCount();
}
