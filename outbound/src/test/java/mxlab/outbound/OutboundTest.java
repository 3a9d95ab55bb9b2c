package mxlab.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import mxlab.core.address.AddressRange;
import mxlab.core.queue.Envelope;
import mxlab.core.spec.SpecFixtures;
import mxlab.dns.server.Authority;
import mxlab.dns.server.DnsServer;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneCompiler;
import mxlab.net.Dialogue;
import mxlab.smtp.SmtpFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * north.lab sends to south.lab through its queue: MX lookups in a real DNS server, a second SMTP
 * server as the remote, retries, delay notices and bounces, all on port 0 or free ports.
 */
class OutboundTest {
  @TempDir Path northData;
  @TempDir Path southData;

  private DnsServer dns;
  private int southPort;
  private SmtpFixture south;
  private SmtpFixture north;
  private QueueRunner runner;

  /** south.lab's zone (and friends), as a DNS server north asks. */
  private static final String ZONES =
      """
      version: 1
      domains:
        - name: south.lab
          hosts: { mail: 127.0.0.1 }
          mx: [ "10 mail" ]
        - name: nomx.lab
          hosts: { "@": 127.0.0.1, ns: 127.0.0.1 }
          ns: [ns]
        - name: nullmx.lab
          hosts: { ns: 127.0.0.1 }
          ns: [ns]
          records: [ { type: MX, value: "0 ." } ]
      """;

  private static String south() {
    return """
        version: 1
        server: { hostname: mail.south.lab }
        domains:
          - name: south.lab
            hosts: { mail: 127.0.0.1 }
            users: [ { name: bob } ]
        """;
  }

  private String north(String queue) {
    return """
        version: 1
        server:
          hostname: mail.north.lab
          resolver: "127.0.0.1:%d"
          remote_port: %d
          queue: { %s }
        domains:
          - name: north.lab
            hosts: { mail: 192.0.2.1 }
            users: [ { name: alice }, { name: carol, forward: [bob@south.lab] } ]
        access:
          "Connect:127.0.0.1": RELAY
        """
        .formatted(dns.address().getPort(), southPort, queue);
  }

  @BeforeEach
  void start() throws Exception {
    dns =
        DnsServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            Authority.of(
                ZoneCompiler.compile(SpecFixtures.spec(ZONES), SerialStore.inMemory()),
                List.<AddressRange>of()),
            1);
    try (ServerSocket free = new ServerSocket(0)) {
      southPort = free.getLocalPort();
    }
  }

  private void startNorth(String queue) throws Exception {
    north = new SmtpFixture(north(queue), northData);
    runner =
        new QueueRunner(
            north.site(), north.drop(), Clock.systemUTC(), 4, new SmtpTransport(north.site()));
    north.onQueued.set(runner::wakeup);
    runner.start();
  }

  private void startSouth() throws Exception {
    south = new SmtpFixture(south(), southData, southPort);
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {runner, north, south, dns}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  private void send(String from, String to, String subject) throws Exception {
    try (Dialogue d = north.connect()) {
      d.expect("220 *");
      d.send("EHLO client").reply();
      d.script(
          """
          C: MAIL FROM:<%s>
          S: 250 *
          C: RCPT TO:<%s>
          S: 250 *
          C: DATA
          S: 354 *
          C: Subject: %s
          C:
          C: ..body line with a leading dot
          C: .
          S: 250 *
          """
              .formatted(from, to, subject));
    }
  }

  private static void eventually(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  private boolean has(SmtpFixture f, String domain, String user, int count) {
    try {
      return f.mailbox(domain, user).size() >= count;
    } catch (Exception e) {
      return false;
    }
  }

  private boolean queueEmpty() {
    try {
      return north.queue().isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void deliversByMxLookupWithTheMessageIntact() throws Exception {
    startSouth();
    startNorth("");
    send("alice@north.lab", "bob@south.lab", "over the wire");
    send("alice@north.lab", "carol@north.lab", "forwarded off-site");
    eventually(() -> has(south, "south.lab", "bob", 2), "bob has both messages");
    eventually(this::queueEmpty, "the queue is empty");
    String received = south.mailbox("south.lab", "bob").get(0);
    assertThat(received)
        .startsWith("Return-Path: <alice@north.lab>\n") // written by south, not carried over
        .contains("by mail.south.lab (mxlab) with ESMTPS") // opportunistic STARTTLS
        .contains("by mail.north.lab (mxlab)")
        .contains("\n.body line with a leading dot\n")
        .containsOnlyOnce("Return-Path:");
  }

  @Test
  void aDownRemoteDefersThenDeliversWhenBack() throws Exception {
    startNorth("min_backoff: 1s, max_backoff: 2s");
    send("alice@north.lab", "bob@south.lab", "patience");
    eventually(
        () -> {
          try {
            List<Envelope> q = north.queue();
            return !q.isEmpty() && q.get(0).attempts() >= 1;
          } catch (Exception e) {
            return false;
          }
        },
        "a first attempt failed");
    Envelope deferred = north.queue().get(0);
    assertThat(deferred.recipients().get(0).status()).isEqualTo(Envelope.Status.PENDING);
    assertThat(deferred.recipients().get(0).diagnostic()).contains("4.4.1");
    startSouth();
    eventually(() -> has(south, "south.lab", "bob", 1), "delivered once south is back");
    eventually(this::queueEmpty, "the queue is empty");
  }

  @Test
  void aRefusedRecipientBouncesToTheSender() throws Exception {
    startSouth();
    startNorth("");
    send("alice@north.lab", "nobody@south.lab", "to a ghost");
    eventually(() -> has(north, "north.lab", "alice", 1), "alice gets the bounce");
    String bounce = north.mailbox("north.lab", "alice").get(0);
    assertThat(bounce)
        .startsWith("Return-Path: <>\n")
        .contains("From: Mail Delivery Subsystem <MAILER-DAEMON@mail.north.lab>")
        .contains("report-type=delivery-status")
        .contains("Final-Recipient: rfc822; nobody@south.lab")
        .contains("Action: failed")
        .contains("Status: 5.1.1")
        .contains("Remote-MTA: dns; mail.south.lab")
        .contains("Subject: to a ghost");
    eventually(this::queueEmpty, "the queue is empty");
  }

  @Test
  void warnsOnceThenReturnsAfterTheShortenedTimeouts() throws Exception {
    startNorth("warn_after: 1s, return_after: 4s, min_backoff: 1s, max_backoff: 1s");
    send("alice@north.lab", "bob@south.lab", "never arrives");
    eventually(() -> has(north, "north.lab", "alice", 2), "a delay notice and a bounce");
    List<String> notices = north.mailbox("north.lab", "alice");
    assertThat(notices.get(0)).contains("Action: delayed").contains("Will-Retry-Until:");
    assertThat(notices.get(1))
        .contains("Action: failed")
        .contains("Status: 4.4.7")
        .contains("delivery time expired");
    eventually(this::queueEmpty, "the queue is empty");
    Thread.sleep(1500);
    assertThat(north.mailbox("north.lab", "alice")).hasSize(2); // one warning, one bounce
  }

  @Test
  void noBounceForTheNullSenderNullMxAndMissingDomains() throws Exception {
    startSouth();
    startNorth("");
    send("", "nobody@south.lab", "a bounce that bounces");
    send("alice@north.lab", "x@nullmx.lab", "to a null MX");
    send("alice@north.lab", "x@nowhere.south.lab", "to a missing domain");
    send("alice@north.lab", "bob@nomx.lab", "implicit MX");
    eventually(() -> has(north, "north.lab", "alice", 3), "two bounces and ... ");
    eventually(this::queueEmpty, "the queue is empty");
    List<String> box = north.mailbox("north.lab", "alice");
    assertThat(box).anySatisfy(m -> assertThat(m).contains("Status: 5.1.10").contains("null MX"));
    assertThat(box)
        .anySatisfy(m -> assertThat(m).contains("Status: 5.1.2").contains("does not exist"));
    // nomx.lab's implicit MX is 127.0.0.1, where south answers and does not know the user
    assertThat(box)
        .anySatisfy(m -> assertThat(m).contains("Final-Recipient: rfc822; bob@nomx.lab"));
    assertThat(box).noneMatch(m -> m.contains("a bounce that bounces"));
  }
}
