package mxlab.smtp.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import mxlab.core.delivery.MailDrop;
import mxlab.core.delivery.Submitter;
import mxlab.core.dsn.DeliveryReport;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueStore;
import mxlab.core.queue.RetrySchedule;
import mxlab.core.routing.Resolution;
import mxlab.core.site.Site;
import mxlab.core.spec.Server;
import mxlab.core.store.MessageRendering;
import mxlab.core.text.Printable;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
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
  private static final Logger maillog = LoggerFactory.getLogger("maillog");

  /** Re-read the queue directory this often, for changes made by hand or by `mxlab queue`. */
  private static final Duration RESCAN = Duration.ofMinutes(1);

  /** A destination at its concurrency limit is tried again this soon. */
  private static final Duration BUSY_RETRY = Duration.ofSeconds(2);

  private final Supplier<Site> site;
  private final MailDrop drop;
  private final QueueStore store;
  private final Submitter submitter;
  private final Clock clock;
  private final NioSocketConnector connector = new NioSocketConnector();
  private final SmtpDelivery delivery;
  private final ExecutorService workers;
  private final Thread scheduler;
  private final Map<String, Instant> due = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Semaphore> destinations = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private volatile boolean running = true;
  private boolean rescanNow = true;

  public QueueRunner(Supplier<Site> site, MailDrop drop, Clock clock, int workers) {
    this.site = site;
    this.drop = drop;
    this.store = drop.queue();
    this.submitter = new Submitter(drop);
    this.clock = clock;
    connector.setHandler(new ClientHandler());
    connector.setConnectTimeoutMillis(30_000);
    this.delivery =
        new SmtpDelivery(
            connector,
            OpportunisticTls.context(),
            site.get().hostname(),
            site.get().spec().server().listen());
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

  /** A message was queued or changed: look at it now. */
  public void wakeup(String id) {
    due.put(id, Instant.EPOCH);
    poke();
  }

  /** `queue flush`: everything is due now. */
  public void flush() throws IOException {
    for (Envelope e : store.list()) {
      if (!inFlight.contains(e.id())) {
        store.save(e.withNextAttempt(clock.instant()));
      }
      due.put(e.id(), Instant.EPOCH);
    }
    poke();
  }

  /** Whether a delivery of {@code id} is under way right now. */
  public boolean isInFlight(String id) {
    return inFlight.contains(id);
  }

  private void poke() {
    synchronized (signal) {
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
          signal.wait(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void attempt(String id) {
    try {
      Optional<Instant> next = attemptOnce(id);
      next.ifPresent(at -> due.put(id, at));
    } catch (IOException | RuntimeException e) {
      log.error("queue: delivery of {} failed: {}", Printable.escape(id), Printable.escape(e), e);
      due.put(id, clock.instant().plus(site.get().spec().server().queue().minBackoff()));
    } finally {
      inFlight.remove(id);
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
    MxResolver resolver =
        new MxResolver(server.resolvers(), server.remotePort(), server.relayhost());
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
        MxResolver.Route route = resolver.route(dest.getKey());
        if (route instanceof MxResolver.Unroutable u) {
          Envelope.Status s = u.permanent() ? Envelope.Status.FAILED : Envelope.Status.PENDING;
          dest.getValue()
              .forEach(r -> results.put(r, new RecipientResult(r, s, "", u.diagnostic())));
        } else {
          byte[] data = transmittable(message, envelope.skip());
          for (RecipientResult r :
              delivery.deliver(
                  envelope, data, dest.getValue(), ((MxResolver.Targets) route).targets())) {
            results.put(r.address(), r);
          }
        }
      } finally {
        limit.release();
      }
    }
    return conclude(current, schedule, envelope, message, results, addedRecipients, busy);
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
        results.put(
            r, new RecipientResult(r, Envelope.Status.DELIVERED, "", "delivered to its mailbox"));
      } else {
        String why =
            res instanceof Resolution.Reject rej
                ? rej.rejection().toString()
                : res instanceof Resolution.Loop
                    ? "554 5.4.6 routing loop"
                    : "550 5.1.1 User unknown";
        results.put(r, new RecipientResult(r, Envelope.Status.FAILED, "", why));
      }
    }
  }

  private Optional<Instant> conclude(
      Site current,
      RetrySchedule schedule,
      Envelope envelope,
      byte[] message,
      Map<String, RecipientResult> results,
      List<String> added,
      boolean busy)
      throws IOException {
    Instant now = clock.instant();
    List<Envelope.Recipient> updated = new ArrayList<>();
    List<Envelope.Recipient> failedNow = new ArrayList<>();
    boolean expired = schedule.expired(envelope, now);
    for (Envelope.Recipient r : envelope.recipients()) {
      RecipientResult res = results.get(r.address());
      Envelope.Recipient u =
          res == null ? r : r.withResult(res.status(), res.mta(), res.diagnostic());
      if (u.status() == Envelope.Status.PENDING && expired) {
        u =
            u.withResult(
                Envelope.Status.FAILED,
                u.mta(),
                "4.4.7 delivery time expired; the last attempt said: " + u.diagnostic());
      }
      if (r.status() == Envelope.Status.PENDING && u.status() == Envelope.Status.FAILED) {
        failedNow.add(u);
      }
      if (res != null || u != r) {
        log(envelope, u);
      }
      updated.add(u);
    }
    added.forEach(a -> updated.add(new Envelope.Recipient(a, Envelope.Status.PENDING, "", "")));
    // A destination at its concurrency limit was skipped: come back soon, not after a backoff.
    Envelope attempted = envelope.withRecipients(updated);
    Instant next =
        busy ? now.plus(BUSY_RETRY) : schedule.nextAttempt(now, attempted.attempts() + 1);
    Envelope after =
        results.isEmpty() ? attempted.withNextAttempt(next) : attempted.afterAttempt(now, next);
    if (!failedNow.isEmpty()) {
      notify(current, DeliveryReport.Kind.FAILED, after, failedNow, message, null, now);
    }
    List<Envelope.Recipient> pending = after.pending();
    if (pending.isEmpty()) {
      store.remove(envelope.id());
      return Optional.empty();
    }
    if (schedule.shouldWarn(after, now)) {
      Instant until = after.arrival().plus(schedule.settings().returnAfter());
      notify(current, DeliveryReport.Kind.DELAYED, after, pending, message, until, now);
      after = after.warnedNow();
    }
    if (!Files.exists(store.messageFile(envelope.id()))) {
      return Optional.empty(); // deleted by an admin while this attempt ran
    }
    store.save(after);
    return Optional.of(added.isEmpty() ? next : now);
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
    Optional<String> id = submitter.submit(current.router(), "", envelope.sender(), report);
    id.ifPresent(this::wakeup);
    maillog.info(
        "id={} sender notice: {} to=<{}> {}",
        Printable.escapeAll(
            envelope.id(),
            kind.name().toLowerCase(Locale.ROOT),
            envelope.sender(),
            id.map(i -> "notice_id=" + i).orElse("undeliverable, dropped")));
  }

  private static void log(Envelope envelope, Envelope.Recipient r) {
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
            Duration.between(envelope.arrival(), Instant.now()).toSeconds(),
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
    connector.dispose(false);
  }
}
