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
  /** A DKIM key record of the zone: its selector and key type (k=). */
  record DkimKey(String selector, String type) {}

  final String name;

  /** A host's addresses: a host may have several A and AAAA records. */
  final Map<String, List<String>> hosts = new LinkedHashMap<>();

  final List<String> mx = new ArrayList<>();
  final List<String> ns = new ArrayList<>();
  final List<YamlMap> records = new ArrayList<>();
  final List<YamlMap> users = new ArrayList<>();
  final Map<String, List<String>> aliases = new LinkedHashMap<>();

  /** In zone order: mxlab writes the signing keys first, then the retired ones. */
  final List<DkimKey> dkimKeys = new ArrayList<>();

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
    YamlMap dkim = dkim();
    if (!dkim.isEmpty()) {
      m.put("dkim", dkim);
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

  /**
   * The dkim key the key records say, leaving out the defaults (selector mxlab, RSA): the first
   * selector signs (an S-rsa and S-ed25519 pair is {@code algorithm: both}), later ones are
   * retired. A zone without key records keeps the default.
   */
  private YamlMap dkim() {
    YamlMap m = new YamlMap(Section.DKIM).style(YamlNode.Style.AUTO);
    if (dkimKeys.isEmpty()) {
      return m;
    }
    List<String> selectors = new ArrayList<>();
    for (DkimKey k : dkimKeys) {
      String base = k.selector().replaceFirst("-(rsa|ed25519)$", "");
      boolean paired =
          !base.equals(k.selector())
              && dkimKeys.stream().anyMatch(o -> o.selector().equals(base + "-rsa"))
              && dkimKeys.stream().anyMatch(o -> o.selector().equals(base + "-ed25519"));
      String selector = paired ? base : k.selector();
      if (!selectors.contains(selector)) {
        selectors.add(selector);
      }
    }
    String signing = selectors.get(0);
    DkimKey first = dkimKeys.get(0);
    String algorithm =
        !signing.equals(first.selector()) ? "both" : first.type().equals("rsa") ? null : "ed25519";
    if (!signing.equals("mxlab")) {
      m.put("selector", signing);
    }
    if (algorithm != null) {
      m.put("algorithm", algorithm);
    }
    if (selectors.size() > 1) {
      m.put("retired", YamlList.of(selectors.subList(1, selectors.size())));
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
