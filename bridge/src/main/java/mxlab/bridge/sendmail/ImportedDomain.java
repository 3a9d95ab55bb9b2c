package mxlab.bridge.sendmail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mxlab.core.spec.write.Section;
import mxlab.core.spec.write.YamlCollection;
import mxlab.core.spec.write.YamlList;
import mxlab.core.spec.write.YamlMap;
import mxlab.core.spec.write.YamlNode;
import mxlab.core.spec.write.YamlScalar;

/** One domain of an imported spec, as it is assembled from sendmail's files and its zone. */
final class ImportedDomain {
  final String name;

  /** A host's addresses: a host may have several A and AAAA records. */
  final Map<String, List<String>> hosts = new LinkedHashMap<>();

  final List<String> mx = new ArrayList<>();
  final List<String> ns = new ArrayList<>();
  final List<YamlMap> records = new ArrayList<>();
  final List<YamlMap> users = new ArrayList<>();
  final Map<String, List<String>> aliases = new LinkedHashMap<>();
  String catchAll;
  String spf;
  String dmarc;
  boolean reverse;
  long ttl = -1;

  ImportedDomain(String name) {
    this.name = name;
  }

  void addHost(String owner, String address) {
    hosts.computeIfAbsent(owner, o -> new ArrayList<>()).add(address);
  }

  /** The domain as a spec writes it, leaving out what the spec's defaults already say. */
  YamlMap toSpec() {
    YamlMap m = new YamlMap(Section.DOMAIN).put("name", name);
    if (ttl >= 0) {
      m.put("ttl", ttl);
    }
    YamlMap hostMap = new YamlMap(Section.DATA).style(YamlNode.Style.AUTO);
    hosts.forEach(
        (host, addresses) ->
            hostMap.put(
                host,
                addresses.size() == 1 ? YamlScalar.of(addresses.get(0)) : YamlList.of(addresses)));
    m.put("hosts", hostMap);
    putIfAny(m, "ns", YamlList.of(ns));
    putIfAny(m, "mx", YamlList.of(mx));
    if (spf != null) {
      m.put("spf", spf);
    }
    if (dmarc != null) {
      m.put("dmarc", dmarc);
    }
    if (reverse) {
      m.put("reverse", true);
    }
    putIfAny(m, "records", blockList(records));
    m.put("users", blockList(users));
    YamlMap aliasMap = new YamlMap(Section.DATA);
    aliases.forEach((alias, targets) -> aliasMap.put(alias, YamlList.of(targets)));
    putIfAny(m, "aliases", aliasMap);
    if (catchAll != null) {
      m.put("catch_all", catchAll);
    }
    return m;
  }

  /** Users and records one a line, as {@code SpecWriter} writes a spec's. */
  private static YamlList blockList(List<YamlMap> items) {
    YamlList list = new YamlList().style(YamlNode.Style.BLOCK);
    items.forEach(list::add);
    return list;
  }

  private static void putIfAny(YamlMap m, String key, YamlCollection<?> value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }
}
