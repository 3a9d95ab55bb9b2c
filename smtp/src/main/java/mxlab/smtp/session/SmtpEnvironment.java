package mxlab.smtp.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.tls.TlsMaterial;
import mxlab.smtp.lookup.ClientNames;
import mxlab.store.delivery.MailDrop;

/**
 * What every SMTP session shares: the live site (a reload swaps it; a session keeps the one it
 * started with), the mail drop, TLS material (null: no TLS), the login throttle, a timer for
 * delayed answers, a way to tell the queue runner a message was queued (by its id), and the
 * clients' host names.
 */
public record SmtpEnvironment(
    Supplier<Site> site,
    MailDrop drop,
    TlsMaterial tls,
    LoginThrottle throttle,
    ScheduledExecutorService timer,
    Consumer<String> queueWakeup,
    ClientNames clientNames) {

  public SmtpEnvironment(
      Supplier<Site> site,
      MailDrop drop,
      TlsMaterial tls,
      LoginThrottle throttle,
      ScheduledExecutorService timer,
      Consumer<String> queueWakeup) {
    this(
        site,
        drop,
        tls,
        throttle,
        timer,
        queueWakeup,
        new ClientNames(() -> site.get().spec().server().resolvers(), ClientNames.DEADLINE));
  }
}
