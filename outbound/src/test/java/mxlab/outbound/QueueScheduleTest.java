package mxlab.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueIds;
import mxlab.core.site.Site;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.SpoolWriter;
import mxlab.core.store.SyncBatcher;
import mxlab.store.delivery.MailDrop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's rules over days of simulated time: a scripted remote and a driven clock, each attempt
 * run by the test (the runner's scheduler thread is never started), so nothing sleeps.
 */
class QueueScheduleTest {
  private static final String SPEC =
      """
      version: 1
      server:
        hostname: mail.north.lab
        queue: { warn_after: 4h, return_after: 5d, min_backoff: 5m, max_backoff: 20m }
      domains:
        - name: north.lab
          hosts: { mail: 192.0.2.1 }
          users: [ { name: alice } ]
      """;

  @TempDir Path data;
  private final DrivenClock clock = new DrivenClock(Instant.parse("2026-12-01T09:00:00Z"));
  private final ScriptedTransport remote = new ScriptedTransport();
  private SyncBatcher batcher;
  private MailDrop drop;
  private QueueRunner runner;

  @BeforeEach
  void start() throws IOException {
    Site site = Site.of(SpecFixtures.spec(SPEC));
    batcher = new SyncBatcher();
    drop = new MailDrop(data, "mail.north.lab", batcher);
    runner = new QueueRunner(() -> site, drop, clock, 1, remote);
  }

  @AfterEach
  void stop() {
    runner.close();
    batcher.close();
  }

  @Test
  void temporaryFailuresBackOffDoublingUpToMaxBackoff() throws Exception {
    remote.answer("bob@south.lab", "451 4.3.0 try again later");
    String id = queue("alice@north.lab", "bob@south.lab");
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Instant next = runner.attemptOnce(id).orElseThrow();
      waits.add(Duration.between(clock.instant(), next));
      clock.advance(Duration.between(clock.instant(), next));
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofMinutes(20),
            Duration.ofMinutes(20));
    Envelope e = envelope(id);
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.recipients().get(0))
        .isEqualTo(
            new Envelope.Recipient(
                "bob@south.lab",
                Envelope.Status.PENDING,
                "mx.south.lab",
                "451 4.3.0 try again later"));
    assertThat(remote.calls).hasSize(4);
    assertThat(mailbox("alice")).as("no notice before warn_after").isEmpty();
  }

  @Test
  void oneDelayNoticeAfterWarnAfterThenABounceAtReturnAfter() throws Exception {
    remote.answer("bob@south.lab", "451 4.3.0 try again later");
    String id = queue("alice@north.lab", "bob@south.lab");
    runner.attemptOnce(id);
    clock.advance(Duration.ofHours(4));
    runner.attemptOnce(id);
    clock.advance(Duration.ofMinutes(20));
    runner.attemptOnce(id);
    assertThat(mailbox("alice")).as("one delay notice, however many attempts").hasSize(1);
    assertThat(mailbox("alice").get(0))
        .contains("Action: delayed")
        .contains("Will-Retry-Until: ")
        .contains("451 4.3.0 try again later")
        .contains("Subject: hello");
    assertThat(envelope(id).warned()).isTrue();

    clock.advance(Duration.ofDays(5));
    assertThat(runner.attemptOnce(id)).as("nothing left to try").isEmpty();
    assertThat(drop.queue().list()).isEmpty();
    List<String> notices = mailbox("alice");
    assertThat(notices).hasSize(2);
    assertThat(notices)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("Action: failed")
                    .contains("4.4.7 delivery time expired")
                    .startsWith("Return-Path: <>"));
  }

  @Test
  void aPermanentFailureBouncesThatRecipientAtOnceAndKeepsTheOthers() throws Exception {
    remote.answer("nobody@south.lab", "550 5.1.1 no such user");
    remote.answer("later@south.lab", "452 4.2.2 mailbox full");
    String id = queue("alice@north.lab", "bob@south.lab", "nobody@south.lab", "later@south.lab");
    Optional<Instant> next = runner.attemptOnce(id);
    assertThat(next).contains(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(remote.calls)
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.recipients())
                    .as("one transaction for the domain")
                    .containsExactly("bob@south.lab", "nobody@south.lab", "later@south.lab"));
    assertThat(mailbox("alice"))
        .singleElement()
        .satisfies(
            bounce ->
                assertThat(bounce)
                    .contains("Final-Recipient: rfc822; nobody@south.lab")
                    .contains("550 5.1.1 no such user")
                    .doesNotContain("later@south.lab")
                    .doesNotContain("Final-Recipient: rfc822; bob@south.lab"));
    assertThat(envelope(id).pending())
        .extracting(Envelope.Recipient::address)
        .containsExactly("later@south.lab");

    remote.answer("later@south.lab", "250 2.0.0 ok");
    clock.advance(Duration.ofMinutes(5));
    assertThat(runner.attemptOnce(id)).isEmpty();
    assertThat(remote.calls.get(1).recipients())
        .as("only what was pending")
        .containsExactly("later@south.lab");
    assertThat(drop.queue().list()).isEmpty();
    assertThat(mailbox("alice")).hasSize(1);
  }

  @Test
  void theNullSenderIsNeverBounced() throws Exception {
    remote.answer("bob@south.lab", "550 5.1.1 no such user");
    String id = queue("", "bob@south.lab");
    assertThat(runner.attemptOnce(id)).isEmpty();
    assertThat(drop.queue().list()).isEmpty();
    assertThat(mailbox("alice")).isEmpty();
  }

  @Test
  void whatTheRemoteGetsIsTheMessageAsSmtpCarriesIt() throws Exception {
    String id = queue("alice@north.lab", "bob@south.lab");
    assertThat(runner.attemptOnce(id)).isEmpty();
    assertThat(remote.calls)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.domain()).isEqualTo("south.lab");
              assertThat(c.data())
                  .as("CRLF, dot-stuffed, without our Return-Path")
                  .isEqualTo("Subject: hello\r\n\r\n..a dotted line\r\nbody\r\n.\r\n");
            });
    assertThat(drop.queue().list()).isEmpty();
  }

  /** Queues a message from {@code sender} as SMTP would, arriving now. */
  @Test
  void aFlushDuringAnAttemptRetriesAsSoonAsTheAttemptEnds() throws Exception {
    // a remote that holds the first attempt until the flush has come, then defers
    CountDownLatch inFirstAttempt = new CountDownLatch(1);
    CountDownLatch flushed = new CountDownLatch(1);
    BlockingQueue<String> attempts = new LinkedBlockingQueue<>(); // the test takes from it
    AtomicInteger made = new AtomicInteger();
    Transport gated =
        new Transport() {
          @Override
          public List<RecipientResult> deliver(
              Envelope envelope, byte[] data, String domain, List<String> recipients) {
            boolean first = made.incrementAndGet() == 1;
            if (first) {
              inFirstAttempt.countDown();
              try {
                flushed.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            remote.answer("bob@south.lab", first ? "451 4.3.0 busy" : "250 ok");
            List<RecipientResult> results = remote.deliver(envelope, data, domain, recipients);
            attempts.add(recipients.get(0));
            return results;
          }

          @Override
          public void close() {}
        };
    runner.close();
    runner = new QueueRunner(() -> Site.of(SpecFixtures.spec(SPEC)), drop, clock, 1, gated);
    runner.start();
    String id = queue("alice@north.lab", "bob@south.lab");
    runner.wakeup(id);
    assertThat(inFirstAttempt.await(30, TimeUnit.SECONDS)).isTrue();
    runner.flush(); // `mxlab queue flush` while the first attempt is under way
    flushed.countDown();
    assertThat(attempts.poll(30, TimeUnit.SECONDS)).isEqualTo("bob@south.lab");
    assertThat(attempts.poll(30, TimeUnit.SECONDS))
        .as("retried without the 5 minutes of backoff the clock never reaches")
        .isEqualTo("bob@south.lab");
  }

  private String queue(String sender, String... recipients) throws IOException {
    String id = QueueIds.next();
    String returnPath = "Return-Path: <" + sender + ">";
    SpoolWriter w = drop.newSpool(id);
    for (String line : List.of(returnPath, "Subject: hello", "", ".a dotted line", "body")) {
      w.line(line.getBytes(StandardCharsets.UTF_8));
    }
    SpoolWriter.Spooled spooled = w.finish();
    long skip = returnPath.length() + 1;
    Instant now = clock.instant();
    drop.deliver(
        spooled,
        List.of(),
        new Envelope(
            id,
            now,
            sender,
            skip,
            spooled.crlfSize() - skip - 1,
            false,
            false,
            0,
            now,
            null,
            false,
            Stream.of(recipients)
                .map(r -> new Envelope.Recipient(r, Envelope.Status.PENDING, "", ""))
                .toList()));
    return id;
  }

  private Envelope envelope(String id) throws IOException {
    return drop.queue().read(id).orElseThrow();
  }

  private List<String> mailbox(String user) throws IOException {
    Path dir = data.resolve("mail/north.lab").resolve(user).resolve("new");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        out.add(Files.readString(f));
      }
      return out;
    }
  }
}
