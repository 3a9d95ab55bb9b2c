package mxlab.bridge.sendmail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One domain of an imported spec, as it is assembled from sendmail's files and its zone. */
final class ImportedDomain {
  final String name;
  final Map<String, Object> hosts = new LinkedHashMap<>();
  final List<String> mx = new ArrayList<>();
  final List<String> ns = new ArrayList<>();
  final List<Map<String, Object>> records = new ArrayList<>();
  final List<Map<String, Object>> users = new ArrayList<>();
  final Map<String, List<String>> aliases = new LinkedHashMap<>();
  String catchAll;
  String spf;
  String dmarc;
  boolean reverse;
  long ttl = -1;

  ImportedDomain(String name) {
    this.name = name;
  }

  /** A name with one more address: a host may have several A and AAAA records. */
  void addHost(String owner, String address) {
    Object old = hosts.get(owner);
    if (old == null) {
      hosts.put(owner, address);
    } else {
      List<Object> all = new ArrayList<>(old instanceof List<?> l ? l : List.of(old));
      all.add(address);
      hosts.put(owner, all);
    }
  }

  /** The domain as a spec writes it, leaving out what the spec's defaults already say. */
  Map<String, Object> toSpec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    if (ttl >= 0) {
      m.put("ttl", ttl);
    }
    m.put("hosts", hosts);
    putIf(m, "ns", ns);
    putIf(m, "mx", mx);
    if (spf != null) {
      m.put("spf", spf);
    }
    if (dmarc != null) {
      m.put("dmarc", dmarc);
    }
    if (reverse) {
      m.put("reverse", true);
    }
    putIf(m, "records", records);
    m.put("users", users);
    if (!aliases.isEmpty()) {
      m.put("aliases", aliases);
    }
    if (catchAll != null) {
      m.put("catch_all", catchAll);
    }
    return m;
  }

  private static void putIf(Map<String, Object> m, String key, List<?> list) {
    if (!list.isEmpty()) {
      m.put(key, list);
    }
  }
}
