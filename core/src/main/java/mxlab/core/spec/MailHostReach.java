package mxlab.core.spec;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether the addresses a spec publishes for its mail hosts lead to this mxlab. A zone that says
 * {@code mail IN A 192.168.0.100} while mxlab listens on 127.0.0.1 is the tutorial's own setup, but
 * every client that follows the zone (Thunderbird's autoconfig, a sender's MX lookup) then knocks
 * on a door where nobody answers; `validate` and `up` say so before a student finds out.
 */
public final class MailHostReach {
  private MailHostReach() {}

  /**
   * One line per MX host address that is not served, with what to write instead; {@code local}
   * tells which addresses are this machine's (for a wildcard listener).
   */
  public static List<String> warnings(Spec spec, Predicate<InetAddress> local) {
    InetAddress listen = spec.server().listen();
    List<String> out = new ArrayList<>();
    for (Domain d : spec.domains()) {
      for (Mx mx : d.mx()) {
        String relative = relative(mx.host(), d.name());
        if (relative == null) {
          continue; // a host of another zone: not ours to judge
        }
        for (InetAddress a : d.hosts().getOrDefault(relative, List.of())) {
          boolean served = listen.isAnyLocalAddress() ? local.test(a) : a.equals(listen);
          if (!served) {
            out.add(
                "warning: "
                    + d.name()
                    + ": "
                    + mx.host()
                    + " has the address "
                    + a.getHostAddress()
                    + ", where this mxlab does not listen ("
                    + (listen.isAnyLocalAddress()
                        ? "not an address of this machine"
                        : "it listens on " + listen.getHostAddress())
                    + "): mail clients and senders that look it up will not reach it."
                    + "\n  hint: for a lab on this machine write hosts: { "
                    + relative
                    + ": "
                    + listen(listen)
                    + " } (or run with --lab-address "
                    + listen(listen)
                    + ", which does that for every domain), or --listen "
                    + a.getHostAddress()
                    + " on a machine that has that address");
          }
        }
      }
    }
    return out;
  }

  /**
   * A lab on {@code address}: mxlab listens there and every mail host (MX or NS target) of every
   * domain points there, so that what the zones say and where mxlab answers agree.
   */
  public static Spec onLabAddress(Spec spec, InetAddress address) {
    List<Domain> domains = new ArrayList<>();
    for (Domain d : spec.domains()) {
      java.util.Map<String, List<InetAddress>> hosts = new java.util.LinkedHashMap<>(d.hosts());
      List<String> served = new ArrayList<>(d.mx().stream().map(Mx::host).toList());
      served.addAll(d.ns());
      for (String host : served) {
        String relative = relative(host, d.name());
        if (relative != null && hosts.containsKey(relative)) {
          hosts.put(relative, List.of(address));
        }
      }
      domains.add(d.withHosts(hosts));
    }
    Server s = spec.server();
    return spec.withDomains(domains).withServer(s.withOverrides(address, s.ports(), s.dataDir()));
  }

  /** "mail" for mail.bann.com in bann.com, "@" for the apex, null for a host of another zone. */
  private static String relative(String host, String domain) {
    if (host.equals(domain)) {
      return "@";
    }
    return host.endsWith("." + domain)
        ? host.substring(0, host.length() - domain.length() - 1)
        : null;
  }

  private static String listen(InetAddress listen) {
    return listen.isAnyLocalAddress() ? "127.0.0.1" : listen.getHostAddress();
  }
}
