package mxlab.pop3.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.tls.TlsMaterial;
import mxlab.store.MailStore;

/** What every POP3 session shares. {@code tls} is null when there is no TLS. */
public record Pop3Environment(
    Supplier<Site> site,
    MailStore store,
    TlsMaterial tls,
    LoginThrottle throttle,
    ScheduledExecutorService timer) {}
