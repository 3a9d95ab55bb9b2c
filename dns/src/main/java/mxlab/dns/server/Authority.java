package mxlab.dns.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mxlab.core.address.AddressRange;
import mxlab.dns.zone.CompiledZone;
import org.xbill.DNS.Name;

/**
 * Everything the server answers for, as one immutable snapshot: the zones, who may transfer them,
 * and the answers already rendered. A reload swaps in a new snapshot; queries in flight finish on
 * the one they started with.
 */
public final class Authority {
  /** Rendered answers kept at most; only names that exist are cached, so zones bound it first. */
  private static final int CACHE_LIMIT = 200_000;

  private final Map<Name, ZoneData> zones = new HashMap<>();
  private final List<AddressRange> transferAllowed;
  final AnswerCache cache = new AnswerCache(CACHE_LIMIT);

  private Authority(List<CompiledZone> compiled, List<AddressRange> transferAllowed) {
    for (CompiledZone z : compiled) {
      zones.put(z.origin(), new ZoneData(z));
    }
    this.transferAllowed = List.copyOf(transferAllowed);
  }

  public static Authority of(List<CompiledZone> zones, List<AddressRange> transferAllowed) {
    return new Authority(zones, transferAllowed);
  }

  /** The closest enclosing zone we serve, or null: then the answer is REFUSED. */
  ZoneData zoneFor(Name name) {
    for (int skip = 0; skip < name.labels(); skip++) {
      ZoneData z = zones.get(skip == 0 ? name : new Name(name, skip));
      if (z != null) {
        return z;
      }
    }
    return null;
  }

  ZoneData zone(Name origin) {
    return zones.get(origin);
  }

  boolean mayTransfer(InetAddress client) {
    return transferAllowed.stream().anyMatch(r -> r.contains(client));
  }
}
