package mxlab.outbound;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import mxlab.core.dsn.DeliveryReport;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueStore;

/**
 * What an admin may do to the queue: look, flush, retry one, delete one. With a running queue
 * runner the runner does the work (so nothing races a delivery in flight); without one, the files
 * are changed directly and the next `mxlab up` takes over.
 */
public final class QueueAdmin {
  private final QueueStore store;
  private final QueueRunner runner;
  private final Clock clock;

  /**
   * @param runner the live runner, or null when mxlab is not running
   */
  public QueueAdmin(QueueStore store, QueueRunner runner, Clock clock) {
    this.store = store;
    this.runner = runner;
    this.clock = clock;
  }

  public List<Envelope> list() throws IOException {
    return store.list();
  }

  public Optional<Envelope> find(String id) throws IOException {
    return store.read(id);
  }

  /** The header of a queued message, without our Return-Path. */
  public List<String> header(Envelope envelope) throws IOException {
    byte[] message = Files.readAllBytes(store.messageFile(envelope.id()));
    return DeliveryReport.header(message, envelope.skip());
  }

  public boolean inFlight(String id) {
    return runner != null && runner.isInFlight(id);
  }

  /** Every message due now. */
  public void flush() throws IOException {
    if (runner != null) {
      runner.flush();
      return;
    }
    for (Envelope e : store.list()) {
      store.save(e.withNextAttempt(clock.instant()));
    }
  }

  /** One message due now; false if there is no such message. */
  public boolean retry(String id) throws IOException {
    Optional<Envelope> e = store.read(id);
    if (e.isEmpty()) {
      return false;
    }
    store.save(e.get().withNextAttempt(clock.instant()));
    if (runner != null) {
      runner.wakeup(id);
    }
    return true;
  }

  /** Removes a message without a bounce; false if there is no such message. */
  public boolean delete(String id) throws IOException {
    if (store.read(id).isEmpty()) {
      return false;
    }
    store.remove(id);
    return true;
  }
}
