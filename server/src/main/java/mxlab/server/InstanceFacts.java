package mxlab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import mxlab.core.queue.Envelope;
import mxlab.server.status.StatusProbe;
import mxlab.web.LabFacts;

/** What the lab page shows of a running instance: its listeners, zones and queue, asked live. */
final class InstanceFacts implements LabFacts {
  private final Services shared;

  InstanceFacts(Services shared) {
    this.shared = shared;
  }

  @Override
  public List<Endpoint> endpoints() {
    return shared
        .admin()
        .instance()
        .map(
            i ->
                i.listeners().stream()
                    .filter(l -> l.protocol().equals("tcp"))
                    .map(l -> new Endpoint(l.service(), l.address()))
                    .toList())
        .orElse(List.of());
  }

  @Override
  public List<Check> status() {
    return shared
        .admin()
        .instance()
        .map(
            i ->
                StatusProbe.probe(i).checks().stream()
                    .map(c -> new Check(c.service(), c.address(), c.up(), c.detail()))
                    .toList())
        .orElse(List.of());
  }

  @Override
  public List<Zone> zones() {
    return shared.zones().get().stream()
        .map(z -> new Zone(z.origin().toString(), z.all()))
        .toList();
  }

  @Override
  public List<Queued> queue() {
    try {
      return shared.admin().queue().list().stream().map(InstanceFacts::queued).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Queued queued(Envelope e) {
    return new Queued(
        e.id(),
        e.sender(),
        e.pending().stream().map(Envelope.Recipient::address).toList(),
        e.attempts(),
        e.arrival(),
        e.nextAttempt(),
        e.recipients().stream()
            .map(Envelope.Recipient::diagnostic)
            .filter(d -> !d.isEmpty())
            .findFirst()
            .orElse(""));
  }
}
