package mxlab.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.spec.MtaStsReach;
import mxlab.core.spec.Problem;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecException;
import mxlab.core.spec.read.SpecLoader;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;
import mxlab.core.tls.CertificateNames;
import mxlab.core.tls.TlsMaterial;
import mxlab.dns.zone.CompiledZone;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneCompiler;
import mxlab.mailauth.NoticeDkimSigner;
import mxlab.mailauth.dkim.DkimKeyStore;
import mxlab.outbound.QueueAdmin;
import mxlab.outbound.QueueRunner;
import mxlab.outbound.SmtpTransport;
import mxlab.server.control.AdminCommands;
import mxlab.server.control.AdminContext;
import mxlab.server.control.ControlServer;
import mxlab.server.control.ControlSocket;
import mxlab.store.delivery.MailDrop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running mxlab: every service of a spec, started in order and stopped in reverse. If any
 * service cannot start, those already running are stopped and nothing is left half-started. A
 * {@link #reload} swaps the spec in place: sessions in flight keep the snapshot they began with.
 */
public final class Instance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Instance.class);

  /** How long a listener moved away by a reload lets its sessions finish. */
  private static final Duration RETIRE_GRACE = Duration.ofMinutes(30);

  private final SpecSource source;
  private final List<ServiceStarter.Factory> factories;
  private final AdminCommands adminCommands;
  private final AtomicReference<Site> site = new AtomicReference<>();
  private final List<AutoCloseable> infrastructure = new ArrayList<>();
  private final Map<Service, ServiceStarter> starters = new EnumMap<>(Service.class);
  private final Map<Service, Running> services = new EnumMap<>(Service.class);
  private volatile Spec spec;
  private volatile List<CompiledZone> zones = List.of();
  private volatile boolean closed;
  private volatile Thread dkimKeys;
  private MailDrop drop;
  private TlsMaterial tls;
  private ScheduledExecutorService timer;
  private QueueRunner runner;
  private QueueAdmin queueAdmin;
  private ControlServer control;

  /** A listening service: where it was asked to listen, and the server doing it. */
  private record Running(InetSocketAddress requested, Listening server) {
    InetSocketAddress bound() {
      return server.address();
    }
  }

  private Instance(
      SpecSource source,
      Spec spec,
      List<ServiceStarter.Factory> factories,
      AdminCommands adminCommands) {
    this.source = source;
    this.spec = spec;
    this.factories = List.copyOf(factories);
    this.adminCommands = adminCommands;
  }

  /**
   * Starts every service of {@code spec} that one of {@code starters} provides; {@code source} is
   * where a reload reads it again; the control socket runs {@code adminCommands}.
   */
  public static Instance start(
      SpecSource source,
      Spec spec,
      List<ServiceStarter.Factory> starters,
      AdminCommands adminCommands)
      throws StartFailure {
    Instance instance = new Instance(source, spec, starters, adminCommands);
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
      PrivateFiles.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StartFailure("cannot create the data directory " + dataDir + ": " + e, e);
    }
    startMailStore(); // first: its crash recovery frees what a full disk left behind
    zones = compileZones(spec);
    site.set(Site.of(spec));
    // what mxlab writes itself (bounces, delay notices, reports: QueueRunner.send) is DKIM-signed
    runner =
        new QueueRunner(
            site::get,
            drop,
            Clock.systemUTC(),
            16,
            new SmtpTransport(site::get),
            new NoticeDkimSigner(() -> site.get().spec()));
    infrastructure.add(runner);
    runner.start();
    queueAdmin = new QueueAdmin(drop.queue(), runner, Clock.systemUTC());
    Services shared =
        new Services(
            site::get,
            () -> zones,
            drop,
            tls,
            new LoginThrottle(spec.server().limits().authDelay(), Clock.systemUTC()),
            timer,
            runner,
            console());
    for (ServiceStarter.Factory f : factories) {
      ServiceStarter starter = f.on(shared);
      starter.services().forEach(s -> starters.put(s, starter));
    }
    for (Service s : Service.values()) {
      InetSocketAddress wanted = wanted(spec, s);
      if (wanted != null) {
        try {
          services.put(s, listen(s, wanted));
        } catch (IOException e) {
          throw new StartFailure(BindErrors.explain(s, wanted, e), e);
        }
      }
    }
    startControl();
    makeMissingDkimKeys(spec);
  }

  /** The spool, mailboxes and queue; cleans up after a crash before anything is accepted. */
  private void startMailStore() throws StartFailure {
    Path dataDir = spec.server().dataDir();
    try {
      SyncBatcher batcher = new SyncBatcher();
      infrastructure.add(batcher);
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
      tls = TlsMaterial.load(spec.server().tls(), dataDir, CertificateNames.of(spec));
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
    infrastructure.add(timer::shutdownNow);
  }

  private List<CompiledZone> compileZones(Spec s) throws StartFailure {
    Path serials = s.server().dataDir().resolve("dns").resolve("serials.properties");
    try {
      SerialStore store = SerialStore.open(serials, LocalDate.now(ZoneOffset.UTC));
      List<CompiledZone> compiled =
          ZoneCompiler.compile(s, store, DkimRecords.of(s.server().dataDir(), false));
      store.save();
      return compiled;
    } catch (IOException e) {
      throw new StartFailure("cannot keep zone serials or DKIM keys for " + serials + ": " + e, e);
    }
  }

  /** Where {@code service} should listen under {@code s}, or null when it is off. */
  private static InetSocketAddress wanted(Spec s, Service service) {
    return s.server().ports().enabled(service)
        ? new InetSocketAddress(s.server().listen(), s.server().ports().port(service))
        : null;
  }

  private Running listen(Service s, InetSocketAddress address) throws IOException {
    ServiceStarter starter = starters.get(s);
    if (starter == null) {
      throw new IOException("no module of this build serves " + s.specName());
    }
    return new Running(address, starter.start(s, address));
  }

  /** Admin commands from this machine (mxlab queue, mxlab reload) reach us here. */
  private void startControl() throws StartFailure {
    Path socket = ControlSocket.of(spec.server().dataDir());
    try {
      control = ControlServer.start(socket, console(), adminCommands);
    } catch (IOException e) {
      throw new StartFailure("cannot open the control socket " + socket + ": " + e.getMessage(), e);
    }
  }

  /** What console commands (control socket, SSH) see of this instance. */
  public AdminContext console() {
    return new AdminContext() {
      @Override
      public QueueAdmin queue() {
        return queueAdmin;
      }

      @Override
      public Optional<Instance> instance() {
        return Optional.of(Instance.this);
      }
    };
  }

  // ------------------------------------------------------------------ reload

  /** What a reload did, or why it did nothing. */
  public record ReloadReport(boolean applied, List<String> lines) {}

  /**
   * Reads the spec again and, if it is valid, swaps it in: zones (serials bump where content
   * changed), users, passwords, aliases, virtual, access, domains, TLS material, limits; listeners
   * whose address or port changed are moved. If it is invalid nothing changes and every error is
   * reported.
   */
  public synchronized ReloadReport reload() {
    SpecLoader.Loaded loaded;
    try {
      loaded = source.load();
    } catch (SpecException e) {
      List<String> lines = new ArrayList<>();
      lines.add("the spec has errors; still running on the previous one:");
      e.problems().forEach(p -> lines.add(p.toString()));
      log.warn("reload refused: {} problems in {}", e.problems().size(), source.file());
      return new ReloadReport(false, lines);
    }
    Spec next = loaded.spec();
    List<String> lines = new ArrayList<>();
    loaded.warnings().stream().map(Problem::toString).forEach(lines::add);
    lines.addAll(MtaStsReach.warnings(next)); // a reload may have turned https off
    if (!next.server().dataDir().equals(spec.server().dataDir())) {
      return new ReloadReport(
          false,
          List.of(
              "data_dir cannot change while mxlab runs ("
                  + spec.server().dataDir()
                  + " -> "
                  + next.server().dataDir()
                  + "); restart to move it"));
    }
    List<CompiledZone> nextZones;
    try {
      nextZones = compileZones(next);
      tls.reload(next.server().tls(), next.server().dataDir(), CertificateNames.of(next));
    } catch (StartFailure | IOException e) {
      return new ReloadReport(false, List.of("reload failed, nothing changed: " + e.getMessage()));
    }
    Spec previous = spec;
    zones = nextZones;
    spec = next;
    site.set(Site.of(next)); // from here on, new sessions see the new spec
    makeMissingDkimKeys(next);
    lines.addAll(SpecChanges.describe(previous, next, zones));
    rebind(previous, next, lines);
    log.info("reloaded {}: {}", source.file(), String.join("; ", lines));
    return new ReloadReport(true, lines);
  }

  private void rebind(Spec previous, Spec next, List<String> lines) {
    for (Service s : Service.values()) {
      InetSocketAddress wanted = wanted(next, s);
      Running current = services.get(s);
      if (current != null && Objects.equals(current.requested(), wanted)) {
        update(current, next);
        continue;
      }
      Running started = null;
      if (wanted != null) {
        try {
          started = listen(s, wanted);
        } catch (IOException e) {
          lines.add(BindErrors.explain(s, wanted, e) + " (kept the old listener)");
          continue;
        }
      }
      if (current != null) {
        retire(current);
      }
      if (started != null) {
        services.put(s, started);
        lines.add(s.specName() + " now listens on " + hostPort(started.bound()));
      } else {
        services.remove(s);
        lines.add(s.specName() + " is off");
      }
    }
  }

  /**
   * Makes the DKIM keys {@code s} lacks on a thread of their own (an RSA-2048 key takes a fifth of
   * a second or more: a 10,000-domain classroom would otherwise wait minutes to start), then
   * publishes them in the zones; until then those domains' mail goes out unsigned.
   */
  private void makeMissingDkimKeys(Spec s) {
    Thread running = dkimKeys;
    if (running != null && running.isAlive()) {
      return; // it goes on with the spec in force when it is done
    }
    if (!DkimKeyStore.at(s.server().dataDir()).missing(s.domains())) {
      return;
    }
    Thread t = new Thread(this::makeDkimKeys, "dkim-keys");
    t.setDaemon(true);
    dkimKeys = t;
    t.start();
  }

  private void makeDkimKeys() {
    long start = System.nanoTime();
    try {
      Spec s = spec;
      while (true) {
        DkimKeyStore.at(s.server().dataDir()).prepare(s.domains(), () -> closed);
        synchronized (this) {
          if (closed) {
            return;
          }
          if (spec != s) {
            s = spec; // a reload came meanwhile: its domains too
            continue;
          }
          zones = compileZones(s);
          Running dns = services.get(Service.DNS);
          if (dns != null) {
            update(dns, s);
          }
        }
        log.info(
            "dkim: made the missing keys in {} ms; the zones publish them",
            (System.nanoTime() - start) / 1_000_000);
        return;
      }
    } catch (IOException | StartFailure | RuntimeException e) {
      log.warn("dkim: cannot make the signing keys: {}", e.toString());
    }
  }

  /** A listener that stays: new zones, limits. */
  private static void update(Running running, Spec next) {
    running.server().update(next);
  }

  private static void retire(Running running) {
    try {
      running.server().retire(RETIRE_GRACE); // mail sessions in flight finish
    } catch (RuntimeException e) {
      log.warn("stopping a moved listener failed: {}", e.toString());
    }
  }

  // ------------------------------------------------------------------ facts

  public Spec spec() {
    return spec;
  }

  /** The routing of the spec in force, as new sessions see it. */
  public Site site() {
    return site.get();
  }

  public Path specFile() {
    return source.file();
  }

  public List<Listener> listeners() {
    List<Listener> out = new ArrayList<>();
    services.forEach(
        (s, r) -> {
          if (s == Service.DNS) {
            out.add(new Listener("dns", "udp", r.bound()));
          }
          out.add(new Listener(s.specName(), "tcp", r.bound()));
        });
    return out;
  }

  public List<CompiledZone> zones() {
    return zones;
  }

  public MailDrop mailDrop() {
    return drop;
  }

  /** The bound address of {@code service}, for tests and the status probe. */
  public InetSocketAddress boundAddress(String service) {
    return listeners().stream()
        .filter(l -> l.service().equals(service))
        .map(Listener::address)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(service + " is not running"));
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** Stops every service, newest first; safe to call more than once. */
  @Override
  public void close() {
    closed = true;
    // the key maker stops between keys; waited for outside the lock it takes to publish them
    Thread keys = dkimKeys;
    if (keys != null) {
      try {
        keys.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeAll();
  }

  private synchronized void closeAll() {
    if (control != null) {
      control.close();
      control = null;
    }
    List<Running> listening = new ArrayList<>(services.values());
    services.clear();
    for (int i = listening.size() - 1; i >= 0; i--) {
      try {
        listening.get(i).server().close();
      } catch (Exception e) {
        log.warn("stopping a service failed: {}", e.toString());
      }
    }
    for (int i = infrastructure.size() - 1; i >= 0; i--) {
      try {
        infrastructure.get(i).close();
      } catch (Exception e) {
        log.warn("stopping a service failed: {}", e.toString());
      }
    }
    infrastructure.clear();
  }
}
