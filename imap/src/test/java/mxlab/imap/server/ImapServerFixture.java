package mxlab.imap.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.routing.Mailbox;
import mxlab.core.site.Site;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.SpoolWriter;
import mxlab.core.store.SyncBatcher;
import mxlab.core.tls.TlsMaterial;
import mxlab.imap.mime.MessageCache;
import mxlab.imap.session.ImapEnvironment;
import mxlab.net.LineServer;
import mxlab.store.delivery.MailDrop;

/** A store in a test's folder and IMAP servers on port 0 over it, as the server tests use them. */
final class ImapServerFixture implements AutoCloseable {
  /** One domain, one user {@code test} with password {@code changeme}. */
  static final String SPEC =
      """
      version: 1
      server: { hostname: mail.bann.com }
      domains:
        - name: bann.com
          hosts: { mail: 192.168.0.100 }
          users: [ { name: test, password: "{PLAIN}changeme" } ]
      """;

  private final Path data;
  private final String specYaml;
  private final boolean tls;
  private final SyncBatcher batcher = new SyncBatcher();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<LineServer> servers = new ArrayList<>();
  private MailDrop drop;
  private ImapEnvironment env;
  private TlsMaterial material;

  /** {@code tls}: with a certificate (STARTTLS and IMAPS), or none at all. */
  ImapServerFixture(Path data, String specYaml, boolean tls) throws Exception {
    this.data = data;
    this.specYaml = specYaml;
    this.tls = tls;
    open();
  }

  private void open() throws Exception {
    Spec spec = SpecFixtures.spec(specYaml);
    Site site = Site.of(spec);
    drop = new MailDrop(data, "mail.bann.com", batcher);
    material = tls ? TlsMaterial.load(spec.server().tls(), data, "mail.bann.com") : null;
    env =
        new ImapEnvironment(
            () -> site,
            drop.mailStore(),
            tls,
            new LoginThrottle(Duration.ofMillis(10), Clock.systemUTC()),
            timer,
            new MessageCache(1 << 20));
  }

  /** A server on port 0: IMAPS if {@code implicitTls}, plain IMAP otherwise. */
  LineServer start(boolean implicitTls) throws Exception {
    LineServer server =
        ImapServer.start(new InetSocketAddress("127.0.0.1", 0), env, material, implicitTls);
    servers.add(server);
    return server;
  }

  /** Closes the servers and opens a store of its own on the same folder, as after a restart. */
  void restart() throws Exception {
    closeServers();
    open();
  }

  MailDrop drop() {
    return drop;
  }

  /** Delivers as SMTP does: spooled, linked into new/, the INBOX's listeners told. */
  void deliver(String subject) throws Exception {
    SpoolWriter w = drop.newSpool("Q" + System.nanoTime());
    for (String line : List.of("Subject: " + subject, "From: a@b.org", "", "hello")) {
      w.line(line.getBytes(StandardCharsets.UTF_8));
    }
    drop.deliver(w.finish(), List.of(new Mailbox("bann.com", "test")), null);
  }

  private void closeServers() {
    servers.forEach(LineServer::close);
    servers.clear();
  }

  @Override
  public void close() {
    closeServers();
    timer.shutdownNow();
    batcher.close();
  }
}
