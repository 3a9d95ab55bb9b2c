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
        String relative =
            mx.host().equals(d.name())
                ? "@"
                : mx.host().endsWith("." + d.name())
                    ? mx.host().substring(0, mx.host().length() - d.name().length() - 1)
                    : null;
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
                    + " }, or run with --listen "
                    + a.getHostAddress()
                    + " on a machine that has that address");
          }
        }
      }
    }
    return out;
  }

  private static String listen(InetAddress listen) {
    return listen.isAnyLocalAddress() ? "127.0.0.1" : listen.getHostAddress();
  }
}
