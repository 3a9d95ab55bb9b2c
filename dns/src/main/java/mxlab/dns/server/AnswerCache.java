package mxlab.dns.server;

import java.util.concurrent.ConcurrentHashMap;

/** Rendered answers by question, for the fast path; bounded, never evicting, dropped on reload. */
final class AnswerCache {
  /**
   * An answer in wire form with ID 0 and the question in lower case; {@code truncated} is the same
   * answer with TC set and no records, for UDP clients it does not fit.
   */
  record Entry(byte[] full, byte[] truncated) {}

  private final ConcurrentHashMap<WireKey, Entry> map = new ConcurrentHashMap<>();
  private final int limit;

  AnswerCache(int limit) {
    this.limit = limit;
  }

  Entry get(WireKey probe) {
    return map.get(probe);
  }

  void put(WireKey probe, Entry entry) {
    if (map.size() < limit) {
      map.putIfAbsent(probe.copy(), entry);
    }
  }
}
