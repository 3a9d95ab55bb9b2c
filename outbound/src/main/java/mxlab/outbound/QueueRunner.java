package mxlab.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mxlab.core.address.MailAddress;
import mxlab.core.dsn.DeliveryReport;
import mxlab.core.log.MailLog;
import mxlab.core.notice.NoticeSigner;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueStore;
import mxlab.core.queue.RetrySchedule;
import mxlab.core.reply.SmtpReply;
import mxlab.core.routing.Resolution;
import mxlab.core.routing.Router;
import mxlab.core.site.Site;
import mxlab.core.spec.Server;
import mxlab.core.store.MessageRendering;
import mxlab.core.text.Printable;
import mxlab.store.delivery.MailDrop;
import mxlab.store.delivery.Submitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the queue: each message when it is due, its recipients grouped by domain, a few
 * deliveries per destination at a time; retries with Postfix's backoff; one delay notice after
 * warn_after; a bounce for recipients that failed for good or outlived return_after. The envelope
 * is saved after every attempt, so a crash repeats at most the attempt in flight.
 */
public final class QueueRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueRunner.class);
  private static final MailLog maillog = MailLog.get();

  /** Re-read the queue directory this often, for changes made by hand or by `mxlab queue`. */
  private static final Duration RESCAN = Duration.ofMinutes(1);

  // for recipients that turned out to be ours
  private static final SmtpReply DELIVERED_LOCALLY =
      SmtpReply.of(250, "2.0.0", "delivered to its mailbox");
  private static final SmtpReply ROUTING_LOOP = SmtpReply.of(554, "5.4.6", "routing loop");
  private static final SmtpReply USER_UNKNOWN = SmtpReply.of(550, "5.1.1", "User unknown");

  private final Supplier<Site> site;
  private final MailDrop drop;
  private final QueueStore store;
  private final Submitter submitter;
  private final Clock clock;
  private final Transport transport;
  private final ExecutorService workers;
  private final Thread scheduler;
  private final Map<String, Instant> due = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  // flushed while an attempt was under way: retried as soon as it ends; guarded by inFlight
  private final Set<String> flushedInFlight = new HashSet<>();
  private final Map<String, Semaphore> destinations = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private boolean poked; // guarded by signal: a poke that came while the scheduler was busy
  private volatile boolean running = true;
  private boolean rescanNow = true;

  /**
   * @param transport how mail leaves for other domains ({@link SmtpTransport}); closed with the
   *     runner
   */
  public QueueRunner(
      Supplier<Site> site, MailDrop drop, Clock clock, int workers, Transport transport) {
    this(site, drop, clock, workers, transport, NoticeSigner.NONE);
  }

  /**
   * @param signer signs the notices this runner sends, and whatever else {@link #send} is given
   */
  public QueueRunner(
      Supplier<Site> site,
      MailDrop drop,
      Clock clock,
      int workers,
      Transport transport,
      NoticeSigner signer) {
    this.site = site;
    this.drop = drop;
    this.store = drop.queue();
    this.submitter = new Submitter(drop, signer);
    this.clock = clock;
    this.transport = transport;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "delivery-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.scheduler = new Thread(this::schedule, "queue-runner");
    this.scheduler.setDaemon(true);
  }

  public void start() {
    scheduler.start();
  }

  /**
   * Sends a message mxlab writes itself (a bounce, a delay notice, a report): signed (DKIM for its
   * From domain when that is hosted), delivered to local mailboxes or queued and tried at once.
   *
   * @param sender the reverse path; empty for the null sender
   * @param lines the message, header and body, without line ends
   * @return the queue id, or empty when the recipient has nowhere to receive it
   */
  public Optional<String> send(Router router, String sender, String recipient, List<String> lines)
      throws IOException {
    Optional<String> id = submitter.submit(router, sender, recipient, lines);
    id.ifPresent(this::wakeup);
    return id;
  }

  /** A message was queued or changed: look at it now. */
  public void wakeup(String id) {
    due.put(id, Instant.EPOCH);
    poke();
  }

  /** `queue flush`: everything is due now. */
  public void flush() throws IOException {
    for (Envelope e : store.list()) {
      synchronized (inFlight) {
        if (inFlight.contains(e.id())) {
          flushedInFlight.add(e.id()); // its attempt would set a later time when it ends
        } else {
          store.save(e.withNextAttempt(clock.instant()));
        }
        due.put(e.id(), Instant.EPOCH);
      }
    }
    poke();
  }

  /** Whether a delivery of {@code id} is under way right now. */
  public boolean isInFlight(String id) {
    return inFlight.contains(id);
  }

  private void poke() {
    synchronized (signal) {
      poked = true;
      signal.notifyAll();
    }
  }

  private void schedule() {
    Instant lastScan = Instant.EPOCH;
    while (running) {
      Instant now = clock.instant();
      try {
        if (rescanNow || Duration.between(lastScan, now).compareTo(RESCAN) > 0) {
          rescanNow = false;
          lastScan = now;
          for (Envelope e : store.list()) {
            due.merge(e.id(), e.nextAttempt(), (a, b) -> a.isBefore(b) ? a : b);
          }
        }
      } catch (IOException e) {
        log.warn("queue: cannot read {}: {}", Printable.escapeAll(store.dir(), e));
      }
      Instant next = now.plus(RESCAN);
      for (Map.Entry<String, Instant> e : due.entrySet()) {
        String id = e.getKey();
        if (inFlight.contains(id)) {
          continue;
        }
        if (!e.getValue().isAfter(now)) {
          due.remove(id);
          inFlight.add(id);
          workers.execute(() -> attempt(id));
        } else if (e.getValue().isBefore(next)) {
          next = e.getValue();
        }
      }
      long wait = Math.max(10, Duration.between(clock.instant(), next).toMillis());
      synchronized (signal) {
        try {
          if (!poked) { // else a poke came since the last look: look again at once
            signal.wait(wait);
          }
          poked = false;
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void attempt(String id) {
    try {
      Optional<Instant> next = attemptOnce(id);
      synchronized (inFlight) {
        boolean flushed = flushedInFlight.remove(id);
        next.ifPresent(at -> due.put(id, flushed ? Instant.EPOCH : at));
      }
    } catch (IOException | RuntimeException e) {
      log.error("queue: delivery of {} failed: {}", Printable.escape(id), Printable.escape(e), e);
      due.put(id, clock.instant().plus(site.get().spec().server().queue().minBackoff()));
    } finally {
      synchronized (inFlight) {
        flushedInFlight.remove(id);
        inFlight.remove(id);
      }
      poke();
    }
  }

  /** One attempt; returns when to try again, or empty when the message is done. */
  Optional<Instant> attemptOnce(String id) throws IOException {
    Site current = site.get();
    Server server = current.spec().server();
    RetrySchedule schedule = new RetrySchedule(server.queue());
    Optional<Envelope> read = store.read(id);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Envelope envelope = read.get();
    byte[] message;
    try {
      message = Files.readAllBytes(store.messageFile(id));
    } catch (NoSuchFileException e) {
      store.remove(id);
      return Optional.empty();
    }
    Map<String, RecipientResult> results = new LinkedHashMap<>();
    List<String> addedRecipients = new ArrayList<>();
    boolean busy = false;
    Map<String, List<String>> byDomain = new LinkedHashMap<>();
    for (Envelope.Recipient r : envelope.pending()) {
      String domain =
          r.address().substring(r.address().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
      byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(r.address());
    }
    byte[] data = transmittable(message, envelope.skip());
    for (Map.Entry<String, List<String>> dest : byDomain.entrySet()) {
      if (current.router().isLocal(dest.getKey()) && server.relayhost() == null) {
        deliverLocally(current, id, dest.getValue(), results, addedRecipients);
        continue;
      }
      Semaphore limit =
          destinations.computeIfAbsent(
              dest.getKey(), d -> new Semaphore(server.queue().perDestination()));
      if (!limit.tryAcquire()) {
        busy = true;
        continue;
      }
      try {
        for (RecipientResult r :
            transport.deliver(envelope, data, dest.getKey(), dest.getValue())) {
          results.put(r.address(), r);
        }
      } finally {
        limit.release();
      }
    }
    AttemptOutcome outcome =
        AttemptOutcome.of(envelope, results, addedRecipients, busy, schedule, clock.instant());
    return conclude(current, envelope, message, outcome);
  }

  /** A recipient that is ours after all (a reload, a forward home): straight into the Maildir. */
  private void deliverLocally(
      Site current,
      String id,
      List<String> recipients,
      Map<String, RecipientResult> results,
      List<String> added)
      throws IOException {
    for (String r : recipients) {
      Resolution res = current.router().resolve(MailAddress.parse(r).orElseThrow());
      if (res instanceof Resolution.Deliver d) {
        drop.deliverExisting(store.messageFile(id), d.mailboxes());
        d.offsite().forEach(a -> added.add(a.toString()));
        results.put(r, new RecipientResult(r, Envelope.Status.DELIVERED, "", DELIVERED_LOCALLY));
      } else {
        SmtpReply why =
            res instanceof Resolution.Reject rej
                ? rej.rejection().reply()
                : res instanceof Resolution.Loop ? ROUTING_LOOP : USER_UNKNOWN;
        results.put(r, new RecipientResult(r, Envelope.Status.FAILED, "", why));
      }
    }
  }

  /** Carries out what the attempt decided: log, notices, and the queue files. */
  private Optional<Instant> conclude(
      Site current, Envelope envelope, byte[] message, AttemptOutcome outcome) throws IOException {
    Instant now = clock.instant();
    outcome.changed().forEach(r -> log(envelope, r, now));
    if (!outcome.bounced().isEmpty()) {
      notify(
          current,
          DeliveryReport.Kind.FAILED,
          outcome.reported(),
          outcome.bounced(),
          message,
          null,
          now);
    }
    if (outcome.done()) {
      store.remove(envelope.id());
      return Optional.empty();
    }
    if (!outcome.delayed().isEmpty()) {
      notify(
          current,
          DeliveryReport.Kind.DELAYED,
          outcome.reported(),
          outcome.delayed(),
          message,
          outcome.retryUntil(),
          now);
    }
    if (!Files.exists(store.messageFile(envelope.id()))) {
      return Optional.empty(); // deleted by an admin while this attempt ran
    }
    store.save(outcome.after());
    return Optional.of(outcome.next());
  }

  /** Sends a DSN to the envelope sender; the null sender gets none (RFC 5321 4.5.5). */
  private void notify(
      Site current,
      DeliveryReport.Kind kind,
      Envelope envelope,
      List<Envelope.Recipient> recipients,
      byte[] message,
      Instant retryUntil,
      Instant now)
      throws IOException {
    if (envelope.nullSender()) {
      maillog.info(
          "id={} {} notice not sent: the sender is <>",
          Printable.escapeAll(envelope.id(), kind.name().toLowerCase(Locale.ROOT)));
      return;
    }
    Server server = current.spec().server();
    List<String> report =
        DeliveryReport.render(
            kind,
            server.hostname(),
            server.mailerDaemonAddress(),
            envelope,
            recipients,
            DeliveryReport.header(message, envelope.skip()),
            retryUntil,
            now);
    Optional<String> id = send(current.router(), "", envelope.sender(), report);
    maillog.info(
        "id={} sender notice: {} to=<{}> {}",
        Printable.escapeAll(
            envelope.id(),
            kind.name().toLowerCase(Locale.ROOT),
            envelope.sender(),
            id.map(i -> "notice_id=" + i).orElse("undeliverable, dropped")));
  }

  private static void log(Envelope envelope, Envelope.Recipient r, Instant now) {
    String status =
        switch (r.status()) {
          case DELIVERED -> "sent";
          case FAILED -> "bounced";
          case PENDING -> "deferred";
        };
    maillog.info(
        "id={} to=<{}> relay={} delay={}s status={} ({})",
        Printable.escapeAll(
            envelope.id(),
            r.address(),
            r.mta().isEmpty() ? "local" : r.mta(),
            Duration.between(envelope.arrival(), now).toSeconds(),
            status,
            r.diagnostic()));
  }

  /** The queued message without our Return-Path, as SMTP carries it: CRLF, dot-stuffed. */
  static byte[] transmittable(byte[] message, long skip) {
    byte[] body = Arrays.copyOfRange(message, (int) skip, message.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 40 + 8);
    MessageRendering.render(body, -1, out);
    return out.toByteArray();
  }

  @Override
  public void close() {
    running = false;
    scheduler.interrupt();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transport.close();
  }
}
