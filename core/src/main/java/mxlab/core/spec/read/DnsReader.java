package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mxlab.core.address.AddressRange;
import mxlab.core.spec.DnsSettings;
import mxlab.core.spec.Problems;

/** The {@code dns} section: who may transfer the zones. */
record DnsReader(Problems problems) {

  DnsSettings read(Fields top) {
    Fields f = Fields.of(top.node("dns"), top.location(), "dns", problems);
    List<AddressRange> axfr = new ArrayList<>();
    for (Scalars.Item item : f.strings("axfr")) {
      Optional<AddressRange> r = AddressRange.parse(item.text());
      if (r.isEmpty()) {
        problems.error(
            item.location(),
            "dns.axfr '" + item.text() + "' is not an address or network",
            "write an address like 127.0.0.1 or a network like 10.0.0.0/8");
      } else {
        axfr.add(r.get());
      }
    }
    f.finish();
    return new DnsSettings(axfr);
  }
}
