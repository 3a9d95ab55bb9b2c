package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.address.DomainNames;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.AccessKeys;
import mxlab.core.spec.Problems;
import mxlab.core.spec.Rejections;

/** Who may relay: the {@code access} map (sendmail's access_db) and {@code relay_domains}. */
record AccessReader(Problems problems) {

  List<AccessEntry> readAccess(Fields top) {
    List<AccessEntry> out = new ArrayList<>();
    for (Node.Entry e : top.mappingEntries("access").values()) {
      String raw = e.key().trim();
      AccessEntry.Tag tag = AccessEntry.Tag.ANY;
      String key = raw;
      int colon = raw.indexOf(':');
      if (colon > 0 && raw.substring(0, colon).matches("[A-Za-z]+")) {
        String t = raw.substring(0, colon).toLowerCase(Locale.ROOT);
        switch (t) {
          case "connect" -> tag = AccessEntry.Tag.CONNECT;
          case "from" -> tag = AccessEntry.Tag.FROM;
          case "to" -> tag = AccessEntry.Tag.TO;
          default -> {
            problems.error(
                e.keyLocation(),
                "unknown access tag '" + raw.substring(0, colon) + ":'",
                "use Connect:, From:, To:, or no tag to match all three");
            continue;
          }
        }
        key = raw.substring(colon + 1).trim();
      }
      key = key.toLowerCase(Locale.ROOT);
      if (!AccessKeys.valid(tag, key)) {
        problems.error(
            e.keyLocation(),
            "access key '" + raw + "' is not an address, domain, host name or IP (prefix)",
            "write e.g. Connect:192.168.100, Connect:localhost, From:spam@example.com, bann.com");
        continue;
      }
      String value = e.value() instanceof Node.Scalar s && s.text() != null ? s.text().trim() : "";
      Optional<AccessEntry> entry = accessAction(tag, key, value);
      if (entry.isEmpty()) {
        problems.error(
            e.value().location(),
            "access " + raw + ": '" + value + "' is not an action",
            "write OK, RELAY, REJECT, DISCARD, or ERROR:\"550 text\"");
        continue;
      }
      out.add(entry.get());
    }
    return out;
  }

  private static Optional<AccessEntry> accessAction(AccessEntry.Tag tag, String key, String value) {
    String upper = value.toUpperCase(Locale.ROOT);
    if (upper.startsWith("ERROR:")) {
      return Rejections.parse(value.substring(6))
          .map(r -> new AccessEntry(tag, key, AccessEntry.Action.ERROR, r));
    }
    for (AccessEntry.Action a : AccessEntry.Action.values()) {
      if (a != AccessEntry.Action.ERROR && a.name().equals(upper)) {
        return Optional.of(new AccessEntry(tag, key, a, null));
      }
    }
    return Optional.empty();
  }

  List<String> readRelayDomains(Fields top) {
    List<String> out = new ArrayList<>();
    for (Scalars.Item item : top.strings("relay_domains")) {
      if (!DomainNames.isHostName(item.text(), false)) {
        problems.error(
            item.location(),
            "relay domain '" + item.text() + "' is not a domain name",
            "write a domain like partner.org; its subdomains are included");
      } else {
        out.add(DomainNames.normalize(item.text()));
      }
    }
    return out;
  }
}
