package mxlab.core.spec.read;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mxlab.core.address.DomainNames;
import mxlab.core.spec.ExtraRecord;
import mxlab.core.spec.Problems;
import mxlab.core.spec.RecordValues;

/** A domain's extra {@code records}, each checked for its type's value syntax. */
record RecordsReader(Problems problems) {
  static final Set<String> RECORD_TYPES = Set.of("A", "AAAA", "CNAME", "TXT", "SRV", "MX", "CAA");

  List<ExtraRecord> read(Fields f, String domain, Map<String, List<InetAddress>> hosts, long ttl) {
    List<ExtraRecord> out = new ArrayList<>();
    for (Node item : f.list("records")) {
      Fields r = Fields.of(item, item.location(), "a record of " + domain, problems);
      String owner = HostsReader.relative(r.string("name", "@"), domain);
      String type = r.string("type", "").trim().toUpperCase(Locale.ROOT);
      String value = r.string("value", null);
      long recordTtl = r.integer("ttl", (int) Math.min(ttl, Integer.MAX_VALUE), 0, 2_147_483_647);
      r.finish();
      if (!owner.equals("@") && !DomainNames.isOwnerName(owner)) {
        problems.error(r.at("name"), "'" + owner + "' is not a record name");
        continue;
      }
      if (!RECORD_TYPES.contains(type)) {
        problems.error(
            r.at("type"),
            "record type '" + type + "' is not supported here",
            "write one of " + String.join(", ", RECORD_TYPES.stream().sorted().toList()));
        continue;
      }
      if (value == null || value.isBlank()) {
        problems.error(r.location(), "a " + type + " record of " + domain + " needs a value");
        continue;
      }
      String problem = RecordValues.check(type, value);
      if (problem != null) {
        problems.error(r.at("value"), type + " record " + owner + ": " + problem);
        continue;
      }
      if (type.equals("CNAME") && (owner.equals("@") || hosts.containsKey(owner))) {
        problems.error(
            r.at("name"),
            "CNAME at " + owner + " would sit beside other records of that name (RFC 1034 3.6.2)",
            "give the alias a name of its own, like www");
        continue;
      }
      out.add(new ExtraRecord(owner, type, value.trim(), recordTtl));
    }
    return out;
  }
}
