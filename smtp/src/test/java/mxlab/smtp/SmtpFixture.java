package mxlab.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.queue.Envelope;
import mxlab.core.site.Site;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.SpoolWriter;
import mxlab.core.store.SyncBatcher;
import mxlab.core.tls.TlsMaterial;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.lookup.ClientNames;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.server.SmtpServer;
import mxlab.smtp.session.SmtpEnvironment;
import mxlab.smtp.session.SmtpMode;
import mxlab.store.delivery.MailDrop;

/** SMTP listeners on port 0 for a spec, with a data directory of their own. */
public final class SmtpFixture implements AutoCloseable {
  private final Path dataDir;
  private final AtomicReference<Site> site = new AtomicReference<>();
  private final Map<SmtpMode, LineServer> servers = new EnumMap<>(SmtpMode.class);
  private final SyncBatcher batcher = new SyncBatcher();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final MailDrop drop;
  public final AtomicInteger queueWakeups = new AtomicInteger();

  /** Where queued ids go; a test may plug a queue runner in. */
  public final AtomicReference<java.util.function.Consumer<String>> onQueued =
      new AtomicReference<>(id -> {});

  public SmtpFixture(String yaml, Path dataDir) throws IOException {
    this(yaml, dataDir, 0);
  }

  /** With the MX listener on {@code mxPort} (0: any), so a test can stop and restart it. */
  public SmtpFixture(String yaml, Path dataDir, int mxPort) throws IOException {
    this(yaml, dataDir, mxPort, SpoolWriter.NEW_PRIVATE_FILE);
  }

  /** With spool files opened by {@code spoolFiles}, e.g. on a disk that fills up. */
  public SmtpFixture(String yaml, Path dataDir, int mxPort, SpoolWriter.Opener spoolFiles)
      throws IOException {
    this(yaml, dataDir, mxPort, spoolFiles, CommandRegistry.standard(), Policy.standard());
  }

  /** With other commands or another policy chain than the standard ones. */
  public SmtpFixture(String yaml, Path dataDir, CommandRegistry commands, Policy policy)
      throws IOException {
    this(yaml, dataDir, 0, SpoolWriter.NEW_PRIVATE_FILE, commands, policy);
  }

  private SmtpFixture(
      String yaml,
      Path dataDir,
      int mxPort,
      SpoolWriter.Opener spoolFiles,
      CommandRegistry commands,
      Policy policy)
      throws IOException {
    this.dataDir = dataDir;
    Spec spec = SpecFixtures.spec(yaml);
    site.set(Site.of(spec));
    drop = new MailDrop(dataDir, spec.server().hostname(), batcher, spoolFiles);
    TlsMaterial tls = TlsMaterial.load(spec.server().tls(), dataDir, spec.server().hostname());
    SmtpEnvironment env =
        new SmtpEnvironment(
            site::get,
            drop,
            tls,
            new LoginThrottle(spec.server().limits().authDelay(), Clock.systemUTC()),
            timer,
            id -> {
              queueWakeups.incrementAndGet();
              onQueued.get().accept(id);
            },
            new ClientNames(() -> site.get().spec().server().resolvers(), ClientNames.DEADLINE));
    for (SmtpMode mode : SmtpMode.values()) {
      int port = mode == SmtpMode.MX ? mxPort : 0;
      servers.put(
          mode,
          SmtpServer.start(mode, new InetSocketAddress("127.0.0.1", port), env, commands, policy));
    }
  }

  public InetSocketAddress address(SmtpMode mode) {
    return servers.get(mode).address();
  }

  public Dialogue connect() throws IOException {
    return Dialogue.connect(address(SmtpMode.MX));
  }

  /** Connected to port 25, past the greeting and "EHLO c". */
  public Dialogue greeted() throws IOException {
    Dialogue d = connect();
    d.expect("220 *");
    d.send("EHLO c").reply();
    return d;
  }

  /** The messages in a mailbox's new/, as text. */
  public List<String> mailbox(String domain, String user) throws IOException {
    Path dir = dataDir.resolve("mail").resolve(domain).resolve(user).resolve("new");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  public List<Envelope> queue() throws IOException {
    return drop.queue().list();
  }

  public MailDrop drop() {
    return drop;
  }

  public java.util.function.Supplier<Site> site() {
    return site::get;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    servers.values().forEach(LineServer::close);
    timer.shutdownNow();
    batcher.close();
  }
}
