package mxlab.dns.zone;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** One zone ready to serve or print: its SOA first, then every other record. */
public record CompiledZone(Name origin, SOARecord soa, List<Record> records) {
  public CompiledZone {
    records = List.copyOf(records);
  }

  /** The SOA and every other record, in the order a master file lists them. */
  public List<Record> all() {
    List<Record> out = new java.util.ArrayList<>(records.size() + 1);
    out.add(soa);
    out.addAll(records);
    return out;
  }
}
