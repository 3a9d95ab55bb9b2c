package mxlab.imap.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.spec.Limits;
import mxlab.imap.mime.MessageCache;
import mxlab.store.MailStore;

/**
 * What every IMAP session shares.
 *
 * @param site the current site (logins, limits); a reload supplies a new one
 * @param tls whether STARTTLS can be offered (the transport has TLS material)
 * @param throttle the failed-login delay shared with SMTP and POP3
 * @param timer runs the delayed answers to failed logins
 * @param cache parsed messages, shared by the sessions
 */
public record ImapEnvironment(
    Supplier<Site> site,
    MailStore store,
    boolean tls,
    LoginThrottle throttle,
    ScheduledExecutorService timer,
    MessageCache cache) {

  public Limits limits() {
    return site.get().spec().server().limits();
  }

  /** LOGIN and AUTHENTICATE without TLS: a lab setting (RFC 3501 6.2.3 LOGINDISABLED otherwise). */
  public boolean allowPlaintextAuth() {
    return site.get().spec().server().allowPlaintextAuth();
  }

  public long maxMessageSize() {
    return site.get().spec().server().maxMessageSize();
  }
}
