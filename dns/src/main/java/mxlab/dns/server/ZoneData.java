package mxlab.dns.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mxlab.dns.zone.CompiledZone;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** One zone, indexed for lookups: records by owner name and type, plus empty non-terminals. */
final class ZoneData {
  final Name origin;
  final SOARecord soa;

  /** The SOA as it goes into negative answers: TTL capped by its minimum (RFC 2308 3). */
  final SOARecord negativeSoa;

  /** Every record, SOA first, as AXFR sends them. */
  final List<Record> all;

  private final Map<Name, Map<Integer, List<Record>>> nodes = new HashMap<>();
  private final Set<Name> names = new HashSet<>();

  ZoneData(CompiledZone zone) {
    origin = zone.origin();
    soa = zone.soa();
    negativeSoa =
        new SOARecord(
            origin,
            DClass.IN,
            Math.min(soa.getTTL(), soa.getMinimum()),
            soa.getHost(),
            soa.getAdmin(),
            soa.getSerial(),
            soa.getRefresh(),
            soa.getRetry(),
            soa.getExpire(),
            soa.getMinimum());
    all = zone.all();
    for (Record r : all) {
      nodes
          .computeIfAbsent(r.getName(), n -> new TreeMap<>())
          .computeIfAbsent(r.getType(), t -> new ArrayList<>())
          .add(r);
      // Every ancestor up to the origin exists, even without records (RFC 8020 NODATA, not
      // NXDOMAIN)
      for (Name n = r.getName(); n.subdomain(origin); n = new Name(n, 1)) {
        if (!names.add(n) || n.equals(origin)) {
          break;
        }
      }
    }
  }

  /** The records of {@code name} by type, or null if the name has none. */
  Map<Integer, List<Record>> node(Name name) {
    Map<Integer, List<Record>> node = nodes.get(name);
    return node == null ? null : Collections.unmodifiableMap(node);
  }

  List<Record> rrset(Name name, int type) {
    Map<Integer, List<Record>> node = nodes.get(name);
    return node == null ? null : node.get(type);
  }

  boolean exists(Name name) {
    return names.contains(name);
  }
}
