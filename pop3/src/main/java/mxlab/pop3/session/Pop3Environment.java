package mxlab.pop3.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.store.Maildirs;
import mxlab.core.tls.TlsMaterial;

/** What every POP3 session shares. {@code tls} is null when there is no TLS. */
public record Pop3Environment(
    Supplier<Site> site,
    Maildirs maildirs,
    TlsMaterial tls,
    LoginThrottle throttle,
    ScheduledExecutorService timer,
    MailboxLocks locks) {}
