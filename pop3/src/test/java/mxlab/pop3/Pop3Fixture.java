package mxlab.pop3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.queue.QueueIds;
import mxlab.core.routing.Mailbox;
import mxlab.core.site.Site;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.SpoolWriter;
import mxlab.core.store.SyncBatcher;
import mxlab.core.tls.TlsMaterial;
import mxlab.net.Dialogue;
import mxlab.net.LineServer;
import mxlab.pop3.server.Pop3Server;
import mxlab.pop3.session.Pop3Environment;
import mxlab.store.delivery.MailDrop;

/** POP3 (plain and implicit TLS) on port 0 over a Maildir the test fills. */
final class Pop3Fixture implements AutoCloseable {
  private final SyncBatcher batcher = new SyncBatcher();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final MailDrop drop;
  private final LineServer plain;
  private final LineServer tls;
  final Path data;

  Pop3Fixture(String yaml, Path data) throws IOException {
    this.data = data;
    Spec spec = SpecFixtures.spec(yaml);
    AtomicReference<Site> site = new AtomicReference<>(Site.of(spec));
    drop = new MailDrop(data, spec.server().hostname(), batcher);
    Pop3Environment env =
        new Pop3Environment(
            site::get,
            drop.mailStore(),
            TlsMaterial.load(spec.server().tls(), data, spec.server().hostname()),
            new LoginThrottle(spec.server().limits().authDelay(), Clock.systemUTC()),
            timer);
    plain = Pop3Server.start(new InetSocketAddress("127.0.0.1", 0), env, false);
    tls = Pop3Server.start(new InetSocketAddress("127.0.0.1", 0), env, true);
  }

  /** Stores a message for {@code user@domain}, as SMTP would. */
  void deliver(String domain, String user, String... lines) throws IOException {
    SpoolWriter w = drop.newSpool(QueueIds.next());
    for (String l : lines) {
      w.line(l.getBytes(StandardCharsets.UTF_8));
    }
    drop.deliver(w.finish(), List.of(new Mailbox(domain, user)), null);
  }

  Dialogue connect() throws IOException {
    return Dialogue.connect(plain.address());
  }

  Dialogue connectTls() throws IOException {
    return Dialogue.connectTls(tls.address());
  }

  Path mailbox(String domain, String user) throws IOException {
    return drop.maildirs().dir(new Mailbox(domain, user));
  }

  @Override
  public void close() {
    plain.close();
    tls.close();
    timer.shutdownNow();
    batcher.close();
  }
}
