package mxlab.cli.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.dns.server.Authority;
import mxlab.dns.server.DnsServer;
import mxlab.dns.zone.CompiledZone;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running mxlab: every service of a spec, started in order and stopped in reverse. If any
 * service cannot start, those already running are stopped and nothing is left half-started.
 */
public final class Instance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Instance.class);

  private final Spec spec;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();
  private List<CompiledZone> zones = List.of();
  private DnsServer dns;

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
    startDns();
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
