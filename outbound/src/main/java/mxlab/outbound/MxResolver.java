package mxlab.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mxlab.core.address.IpLiterals;
import mxlab.core.reply.SmtpReply;
import mxlab.core.spec.Relayhost;
import mxlab.net.Resolvers;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Where mail for a domain goes (RFC 5321 5.1): its MX hosts in preference order (equal preferences
 * shuffled), their addresses; the domain itself when it has no MX (the implicit MX); nowhere for a
 * null MX (RFC 7505). Asks the spec's resolvers, or the system's.
 */
public final class MxResolver {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Resolver resolver;
  private final int port;
  private final Relayhost relayhost;

  /** One host to try. */
  public record Target(String host, InetSocketAddress address) {}

  /** The answer for a domain. */
  public sealed interface Route {}

  /** Hosts to try, best first. */
  public record Targets(List<Target> targets) implements Route {}

  /** No way there: permanent (bounce now) or temporary (try later). */
  public record Unroutable(boolean permanent, SmtpReply diagnostic) implements Route {}

  public MxResolver(List<InetSocketAddress> servers, int port, Relayhost relayhost) {
    this.resolver = Resolvers.of(servers, TIMEOUT);
    this.port = port;
    this.relayhost = relayhost;
  }

  public Route route(String domain) {
    if (relayhost != null) {
      return relayhost.mxLookup()
          ? viaMx(relayhost.host(), relayhost.port())
          : direct(relayhost.host(), relayhost.port());
    }
    if (domain.startsWith("[") && domain.endsWith("]")) {
      String literal = domain.substring(1, domain.length() - 1);
      return direct(literal.startsWith("IPv6:") ? literal.substring(5) : literal, port);
    }
    return viaMx(domain, port);
  }

  private Route viaMx(String domain, int targetPort) {
    Lookup mx = lookup(domain, Type.MX);
    if (mx == null) {
      return new Unroutable(true, SmtpReply.of(550, "5.1.2", "bad domain name " + domain));
    }
    Record[] records = mx.run();
    switch (mx.getResult()) {
      case Lookup.SUCCESSFUL -> {
        List<MXRecord> list = new ArrayList<>();
        Arrays.stream(records)
            .filter(r -> r instanceof MXRecord)
            .forEach(r -> list.add((MXRecord) r));
        if (list.size() == 1 && list.get(0).getTarget().equals(Name.root)) {
          return new Unroutable(
              true, SmtpReply.of(556, "5.1.10", domain + " accepts no mail (null MX, RFC 7505)"));
        }
        return targets(ordered(list), targetPort, domain);
      }
      case Lookup.TYPE_NOT_FOUND -> {
        // RFC 5321 5.1: no MX, the domain itself is the implicit MX
        return targets(List.of(domain), targetPort, domain);
      }
      case Lookup.HOST_NOT_FOUND -> {
        return new Unroutable(
            true, SmtpReply.of(550, "5.1.2", "domain " + domain + " does not exist"));
      }
      default -> {
        return new Unroutable(
            false,
            SmtpReply.of(
                451, "4.4.3", "cannot look up the MX of " + domain + ": " + mx.getErrorString()));
      }
    }
  }

  /** MX hosts by preference; hosts of equal preference in random order, to spread load. */
  static List<String> ordered(List<MXRecord> records) {
    Map<Integer, List<String>> byPriority = new TreeMap<>();
    for (MXRecord r : records) {
      byPriority
          .computeIfAbsent(r.getPriority(), p -> new ArrayList<>())
          .add(r.getTarget().toString(true).toLowerCase());
    }
    List<String> hosts = new ArrayList<>();
    for (List<String> same : byPriority.values()) {
      Collections.shuffle(same);
      hosts.addAll(same);
    }
    return hosts;
  }

  private Route targets(List<String> hosts, int targetPort, String domain) {
    List<Target> out = new ArrayList<>();
    boolean temporary = false;
    for (String host : hosts) {
      for (int type : new int[] {Type.A, Type.AAAA}) {
        Lookup l = lookup(host, type);
        if (l == null) {
          continue;
        }
        Record[] rs = l.run();
        if (l.getResult() == Lookup.SUCCESSFUL) {
          for (Record r : rs) {
            InetAddress a =
                r instanceof ARecord ar
                    ? ar.getAddress()
                    : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
            if (a != null) {
              out.add(new Target(host, new InetSocketAddress(a, targetPort)));
            }
          }
        } else if (l.getResult() == Lookup.TRY_AGAIN || l.getResult() == Lookup.UNRECOVERABLE) {
          temporary = true;
        }
      }
    }
    if (!out.isEmpty()) {
      return new Targets(out);
    }
    return temporary
        ? new Unroutable(
            false, SmtpReply.of(451, "4.4.3", "cannot look up the mail hosts of " + domain))
        : new Unroutable(
            true, SmtpReply.of(550, "5.4.4", "no address for the mail hosts of " + domain));
  }

  private Route direct(String host, int targetPort) {
    var literal = IpLiterals.parse(host);
    if (literal.isPresent()) {
      return new Targets(
          List.of(new Target(host, new InetSocketAddress(literal.get(), targetPort))));
    }
    return targets(List.of(host), targetPort, host);
  }

  private Lookup lookup(String name, int type) {
    try {
      Lookup l = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
      l.setResolver(resolver);
      l.setCache(null); // zones change on reload; every attempt asks afresh
      return l;
    } catch (TextParseException e) {
      return null;
    }
  }
}
