package mxlab.web;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Record;

/**
 * What the running instance tells the web about itself, asked at each request so that a reload or a
 * moved listener shows at once. The server module implements it; the web never reaches into other
 * protocol modules.
 */
public interface LabFacts {
  /** One bound socket: {@code service} as in --ports ("imaps"), where it listens now. */
  record Endpoint(String service, InetSocketAddress address) {}

  /** The records of one compiled zone, SOA first. */
  record Zone(String origin, List<Record> records) {}

  /** One queued message and when it is tried next. */
  record Queued(
      String id,
      String sender,
      List<String> recipients,
      int attempts,
      Instant arrival,
      Instant nextAttempt,
      String lastError) {}

  /** One service as a client finds it when it asks (`mxlab status`). */
  record Check(String service, String address, boolean up, String detail) {}

  List<Endpoint> endpoints();

  /** Every service probed the way a client would use it. */
  List<Check> status();

  List<Zone> zones();

  List<Queued> queue();

  /** Where {@code service} listens, if it is on. */
  default Optional<InetSocketAddress> endpoint(String service) {
    return endpoints().stream()
        .filter(e -> e.service().equals(service))
        .map(Endpoint::address)
        .findFirst();
  }
}
