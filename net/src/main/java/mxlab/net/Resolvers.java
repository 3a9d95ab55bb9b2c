package mxlab.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** The DNS resolvers mail lookups ask: the spec's {@code server.resolver}, or the system's. */
public final class Resolvers {
  private Resolvers() {}

  /**
   * @param servers the spec's resolvers; empty for the system's
   * @param timeout for each try at each server
   */
  public static Resolver of(List<InetSocketAddress> servers, Duration timeout) {
    if (servers.isEmpty()) {
      return system(timeout);
    }
    List<Resolver> each = new ArrayList<>();
    for (InetSocketAddress s : servers) {
      SimpleResolver r = new SimpleResolver(s);
      r.setTimeout(timeout);
      each.add(r);
    }
    ExtendedResolver all = new ExtendedResolver(each);
    all.setTimeout(timeout);
    all.setRetries(1);
    return all;
  }

  /**
   * The system's servers (resolv.conf) with our timeout: dnsjava's shared default resolver would
   * wait 10 s a try and retry three times, whatever the caller can afford.
   *
   * @param timeout for each try at each server
   */
  public static Resolver system(Duration timeout) {
    ExtendedResolver system = new ExtendedResolver();
    system.setTimeout(timeout);
    system.setRetries(1);
    return system;
  }
}
