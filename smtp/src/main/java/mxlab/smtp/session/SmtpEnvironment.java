package mxlab.smtp.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.delivery.MailDrop;
import mxlab.core.site.Site;
import mxlab.core.tls.TlsMaterial;

/**
 * What every SMTP session shares: the live site (a reload swaps it; a session keeps the one it
 * started with), the mail drop, TLS material (null: no TLS), the login throttle, a timer for
 * delayed answers, and a way to tell the queue runner a message was queued (by its id).
 */
public record SmtpEnvironment(
    Supplier<Site> site,
    MailDrop drop,
    TlsMaterial tls,
    LoginThrottle throttle,
    ScheduledExecutorService timer,
    Consumer<String> queueWakeup) {}
