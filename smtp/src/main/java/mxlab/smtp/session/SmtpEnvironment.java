package mxlab.smtp.session;

import java.time.Duration;
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
 * delayed answers, a way to tell the queue runner a message was queued (by its id), how long a
 * client may stay silent before its first command, and the clients' host names.
 *
 * @param firstCommandTimeout the reader idle time until the first command, shorter than the
 *     command_timeout so idle sockets cannot hold every connection slot for minutes (Postfix's
 *     smtpd_timeout under stress); the spec's command_timeout if that is shorter
 */
public record SmtpEnvironment(
    Supplier<Site> site,
    MailDrop drop,
    TlsMaterial tls,
    LoginThrottle throttle,
    ScheduledExecutorService timer,
    Consumer<String> queueWakeup,
    Duration firstCommandTimeout,
    ClientNames clientNames) {

  public static final Duration FIRST_COMMAND_TIMEOUT = Duration.ofSeconds(30);

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
        FIRST_COMMAND_TIMEOUT,
        new ClientNames(() -> site.get().spec().server().resolvers(), ClientNames.DEADLINE));
  }
}
