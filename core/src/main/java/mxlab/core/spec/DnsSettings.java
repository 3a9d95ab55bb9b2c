package mxlab.core.spec;

import java.util.List;
import mxlab.core.address.AddressRange;

/** Options of the embedded DNS server. */
public record DnsSettings(List<AddressRange> axfrAllow) {
  public DnsSettings {
    axfrAllow = List.copyOf(axfrAllow);
  }
}
