package mxlab.cli.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import mxlab.cli.console.ConsoleContext;
import mxlab.cli.control.ControlServer;
import mxlab.cli.control.ControlSocket;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.delivery.MailDrop;
import mxlab.core.site.Site;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.store.SyncBatcher;
import mxlab.core.tls.TlsMaterial;
import mxlab.dns.server.Authority;
import mxlab.dns.server.DnsServer;
import mxlab.dns.zone.CompiledZone;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneCompiler;
import mxlab.pop3.server.Pop3Server;
import mxlab.pop3.session.MailboxLocks;
import mxlab.pop3.session.Pop3Environment;
import mxlab.smtp.outbound.QueueAdmin;
import mxlab.smtp.outbound.QueueRunner;
import mxlab.smtp.server.SmtpServer;
import mxlab.smtp.session.SmtpEnvironment;
import mxlab.smtp.session.SmtpMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running mxlab: every service of a spec, started in order and stopped in reverse. If any
 * service cannot start, those already running are stopped and nothing is left half-started.
 */
public final class Instance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Instance.class);

  private final Spec spec;
  private final AtomicReference<Site> site = new AtomicReference<>();
  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();
  private List<CompiledZone> zones = List.of();
  private DnsServer dns;
  private MailDrop drop;
  private TlsMaterial tls;
  private ScheduledExecutorService timer;
  private LoginThrottle throttle;
  private QueueRunner runner;

  private Instance(Spec spec) {
    this.spec = spec;
  }

  public static Instance start(Spec spec) throws StartFailure {
    Instance instance = new Instance(spec);
    try {
      instance.startAll();
      return instance;
    } catch (StartFailure | RuntimeException e) {
      instance.close();
      throw e;
    }
  }

  private void startAll() throws StartFailure {
    Path dataDir = spec.server().dataDir();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StartFailure("cannot create the data directory " + dataDir + ": " + e, e);
    }
    zones = compileZones();
    site.set(Site.of(spec));
    startDns();
    startMailStore();
    startQueueRunner();
    startSmtp();
    startPop3();
    startControl();
  }

  /** Admin commands from this machine (mxlab queue, mxlab reload) reach us here. */
  private void startControl() throws StartFailure {
    Path socket = ControlSocket.of(spec.server().dataDir());
    QueueAdmin queueAdmin = new QueueAdmin(drop.queue(), runner, Clock.systemUTC());
    ConsoleContext context =
        new ConsoleContext() {
          @Override
          public QueueAdmin queue() {
            return queueAdmin;
          }

          @Override
          public java.util.Optional<Instance> instance() {
            return java.util.Optional.of(Instance.this);
          }
        };
    try {
      running.add(ControlServer.start(socket, context));
    } catch (IOException e) {
      throw new StartFailure("cannot open the control socket " + socket + ": " + e.getMessage(), e);
    }
  }

  /** The spool, mailboxes and queue; cleans up after a crash before anything is accepted. */
  private void startMailStore() throws StartFailure {
    Path dataDir = spec.server().dataDir();
    try {
      SyncBatcher batcher = new SyncBatcher();
      running.add(batcher);
      drop = new MailDrop(dataDir, spec.server().hostname(), batcher);
      int swept = drop.sweepSpool();
      List<String> orphans = drop.queue().recover();
      if (swept > 0 || !orphans.isEmpty()) {
        log.info(
            "recovered after a crash: {} unfinished messages dropped (never answered 250), {}"
                + " queue files cleaned",
            swept,
            orphans.size());
      }
      tls = TlsMaterial.load(spec.server().tls(), dataDir, spec.server().hostname());
    } catch (IOException e) {
      throw new StartFailure("cannot prepare " + dataDir + ": " + e.getMessage(), e);
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "timer");
              t.setDaemon(true);
              return t;
            });
    running.add(timer::shutdownNow);
    throttle = new LoginThrottle(spec.server().limits().authDelay(), Clock.systemUTC());
  }

  /** Outbound delivery; it starts on whatever a previous run left in the queue. */
  private void startQueueRunner() {
    runner = new QueueRunner(site::get, drop, Clock.systemUTC(), 16);
    running.add(runner);
    runner.start();
  }

  private void startSmtp() throws StartFailure {
    SmtpEnvironment env =
        new SmtpEnvironment(site::get, drop, tls, throttle, timer, runner::wakeup);
    for (SmtpMode mode : SmtpMode.values()) {
      if (!spec.server().ports().enabled(mode.service())) {
        continue;
      }
      InetSocketAddress address = address(mode.service());
      try {
        SmtpServer server = SmtpServer.start(mode, address, env);
        running.add(server);
        listeners.add(new Listener(mode.service().specName(), "tcp", server.address()));
      } catch (IOException e) {
        throw new StartFailure(BindErrors.explain(mode.service(), address, e), e);
      }
    }
  }

  private List<CompiledZone> compileZones() throws StartFailure {
    Path serials = spec.server().dataDir().resolve("dns").resolve("serials.properties");
    try {
      SerialStore store = SerialStore.open(serials, LocalDate.now(ZoneOffset.UTC));
      List<CompiledZone> compiled = ZoneCompiler.compile(spec, store);
      store.save();
      return compiled;
    } catch (IOException e) {
      throw new StartFailure("cannot keep zone serials in " + serials + ": " + e, e);
    }
  }

  private void startDns() throws StartFailure {
    if (!spec.server().ports().enabled(Service.DNS)) {
      return;
    }
    InetSocketAddress address = address(Service.DNS);
    try {
      Authority authority = Authority.of(zones, spec.dns().axfrAllow());
      dns = DnsServer.start(address, authority, Math.max(2, availableCores()));
    } catch (IOException e) {
      throw new StartFailure(BindErrors.explain(Service.DNS, address, e), e);
    }
    running.add(dns);
    listeners.add(new Listener("dns", "udp", dns.address()));
    listeners.add(new Listener("dns", "tcp", dns.address()));
    log.info("dns: serving {} zones on {}", zones.size(), dns.address());
  }

  private void startPop3() throws StartFailure {
    Pop3Environment env =
        new Pop3Environment(site::get, drop.maildirs(), tls, throttle, timer, new MailboxLocks());
    for (Service service : new Service[] {Service.POP3, Service.POP3S}) {
      if (!spec.server().ports().enabled(service)) {
        continue;
      }
      InetSocketAddress address = address(service);
      try {
        Pop3Server server = Pop3Server.start(address, env, service == Service.POP3S);
        running.add(server);
        listeners.add(new Listener(service.specName(), "tcp", server.address()));
      } catch (IOException e) {
        throw new StartFailure(BindErrors.explain(service, address, e), e);
      }
    }
  }

  private InetSocketAddress address(Service service) {
    return new InetSocketAddress(spec.server().listen(), spec.server().ports().port(service));
  }

  private static int availableCores() {
    return Runtime.getRuntime().availableProcessors();
  }

  public Spec spec() {
    return spec;
  }

  public List<Listener> listeners() {
    return List.copyOf(listeners);
  }

  public List<CompiledZone> zones() {
    return zones;
  }

  /** The bound address of {@code service}, for tests and the status probe. */
  public InetSocketAddress boundAddress(String service) {
    return listeners.stream()
        .filter(l -> l.service().equals(service))
        .map(Listener::address)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(service + " is not running"));
  }

  /** Stops every service, newest first; safe to call more than once. */
  @Override
  public synchronized void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        log.warn("stopping a service failed: {}", e.toString());
      }
    }
    running.clear();
  }
}
