package mxlab.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.tls.TlsMaterial;
import mxlab.dns.zone.CompiledZone;
import mxlab.outbound.QueueRunner;
import mxlab.server.control.AdminContext;
import mxlab.store.delivery.MailDrop;

/**
 * What an instance shares with the services it starts: the site in force (its spec and routing; a
 * reload swaps it), the mail store, TLS material, the failed-login throttle every protocol shares,
 * one timer, the queue, the zones, and the admin context for consoles.
 */
public record Services(
    Supplier<Site> site,
    Supplier<List<CompiledZone>> zones,
    MailDrop drop,
    TlsMaterial tls,
    LoginThrottle throttle,
    ScheduledExecutorService timer,
    QueueRunner queue,
    AdminContext admin) {

  public Path dataDir() {
    return site.get().spec().server().dataDir();
  }
}
