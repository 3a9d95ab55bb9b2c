package mxlab.imap.session;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.SyncBatcher;
import mxlab.imap.mime.MessageCache;
import mxlab.store.Flags;
import mxlab.store.Folder;
import mxlab.store.MailStore;
import mxlab.store.Maildirs;

/** A site, a real store on a temporary directory, and the sessions' shared environment. */
final class ImapFixture implements AutoCloseable {
  static final String SPEC =
      """
      version: 1
      server:
        hostname: mail.bann.com
        max_message_size: 20kB
        allow_plaintext_auth: %s
        limits: { max_errors: 5, auth_failures: 2, auth_delay: 50ms }
      domains:
        - name: bann.com
          hosts: { mail: 192.168.0.100 }
          users:
            - { name: test, password: "{PLAIN}changeme" }
            - { name: master, password: "{PLAIN}secret" }
      """;

  final Spec spec;
  final SyncBatcher batcher = new SyncBatcher();
  final MailStore store;
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final ImapEnvironment env;

  ImapFixture(Path data, boolean plaintext, boolean tls) {
    spec = SpecFixtures.spec(SPEC.formatted(plaintext));
    Site site = Site.of(spec);
    store = new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher);
    env =
        new ImapEnvironment(
            () -> site,
            store,
            tls,
            new LoginThrottle(spec.server().limits().authDelay(), Clock.systemUTC()),
            timer,
            new MessageCache(1 << 20));
  }

  ImapClient connect() throws IOException {
    return connect(false);
  }

  ImapClient connect(boolean secure) throws IOException {
    return new ImapClient(this, new FakeConnection(InetAddress.getByName("127.0.60.1"), secure));
  }

  /** A client logged in as test@bann.com. */
  ImapClient login() throws Exception {
    ImapClient c = connect();
    c.readLine();
    c.script("C: L LOGIN test changeme\nS: L OK [CAPABILITY *] Logged in");
    return c;
  }

  /** A client logged in as test@bann.com with its INBOX selected. */
  ImapClient selected() throws Exception {
    ImapClient c = login();
    c.send("S SELECT INBOX\r\n");
    while (!c.readLine().startsWith("S OK")) {
      // the SELECT responses
    }
    return c;
  }

  Folder inbox() throws IOException {
    return store.mailbox("bann.com", "test").inbox();
  }

  /** Delivers a message (LF line ends, as stored) into test's INBOX. */
  long deliver(String message) throws IOException {
    return inbox()
        .append(
            message.getBytes(StandardCharsets.UTF_8),
            Flags.NONE,
            Instant.parse("2026-11-30T08:00:00Z"))
        .uid();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    batcher.close();
  }
}
