package mxlab.junit;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The lab's authoritative DNS server (UDP and TCP on the same port). Give {@link #resolver()} to
 * the code under test so it does real MX, A and SRV lookups of the lab's domains.
 */
public final class LabDns {
  private final InetSocketAddress address;

  LabDns(InetSocketAddress address) {
    this.address = address;
  }

  public InetSocketAddress address() {
    return address;
  }

  public Endpoint endpoint() {
    return Endpoint.of(address);
  }

  /** A new dnsjava resolver that asks the lab's server. */
  public Resolver resolver() {
    SimpleResolver r = new SimpleResolver(address);
    r.setTimeout(java.time.Duration.ofSeconds(2));
    return r;
  }

  /** The MX hosts of {@code domain}, best first, as the lab's DNS answers them. */
  public List<String> mx(String domain) {
    try {
      Lookup lookup = new Lookup(Name.fromString(domain, Name.root), Type.MX);
      lookup.setResolver(resolver());
      lookup.setCache(new Cache()); // dnsjava's default cache is shared by every lab in the JVM
      Record[] answers = lookup.run();
      if (answers == null) {
        return List.of();
      }
      return Arrays.stream(answers)
          .map(MXRecord.class::cast)
          .sorted(Comparator.comparingInt(MXRecord::getPriority))
          .map(mx -> mx.getTarget().toString(true))
          .toList();
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + domain, e);
    }
  }
}
