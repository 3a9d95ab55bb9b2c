package mxlab.dns.zone;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mxlab.core.spec.Domain;
import mxlab.core.spec.ExtraRecord;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Ports;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Turns each domain of a spec into a zone: SOA, NS, MX, A/AAAA, SPF and DMARC TXT, DKIM key TXT
 * records (from {@link ZoneAdditions}), RFC 6186 SRV records, the web's names ({@link WebRecords})
 * and the spec's extra records; plus in-addr.arpa zones with PTRs for mail hosts when a domain asks
 * for them.
 */
public final class ZoneCompiler {
  /** SOA timers: refresh 1h, retry 10m, expire 14d, negative-caching TTL 5m (RFC 2308). */
  private static final long REFRESH = 3600;

  private static final long RETRY = 600;
  private static final long EXPIRE = 1_209_600;
  private static final long NEGATIVE_TTL = 300;
  private static final int MAX_TXT_STRING = 255;

  private final Server server;
  private final SerialStore serials;

  private ZoneCompiler(Server server, SerialStore serials) {
    this.server = server;
    this.serials = serials;
  }

  /** Every zone of {@code spec}: forward zones in spec order, then reverse zones. */
  public static List<CompiledZone> compile(Spec spec, SerialStore serials) {
    try {
      return compile(spec, serials, ZoneAdditions.NONE);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no additions, nothing to read", e);
    }
  }

  /** The same, with records from outside the spec (DKIM keys); their failure to read stops it. */
  public static List<CompiledZone> compile(Spec spec, SerialStore serials, ZoneAdditions additions)
      throws java.io.IOException {
    ZoneCompiler compiler = new ZoneCompiler(spec.server(), serials);
    List<CompiledZone> zones = new ArrayList<>();
    for (Domain d : spec.domains()) {
      zones.add(compiler.compile(d, additions.txt(d)));
    }
    zones.addAll(compiler.reverseZones(spec.domains()));
    return zones;
  }

  /** The zone of one domain. */
  private CompiledZone compile(Domain domain, List<ZoneAdditions.Txt> extraTxt) {
    Name origin = absolute(domain.name());
    long ttl = domain.ttl();
    List<Record> records = new ArrayList<>();
    for (String ns : domain.ns()) {
      records.add(new NSRecord(origin, DClass.IN, ttl, absolute(ns)));
    }
    for (Mx mx : domain.mx()) {
      records.add(new MXRecord(origin, DClass.IN, ttl, mx.priority(), absolute(mx.host())));
    }
    new TreeMap<>(domain.hosts())
        .forEach(
            (host, addresses) -> {
              Name owner = host.equals("@") ? origin : relative(host, origin);
              for (InetAddress a : addresses) {
                records.add(address(owner, ttl, a));
              }
            });
    if (!domain.spf().isEmpty()) {
      records.add(txt(origin, ttl, domain.spf()));
    }
    if (!domain.dmarc().isEmpty()) {
      records.add(txt(relative("_dmarc", origin), ttl, domain.dmarc()));
    }
    for (ZoneAdditions.Txt t : extraTxt) {
      records.add(txt(relative(t.owner(), origin), ttl, t.text()));
    }
    records.addAll(serviceRecords(origin, ttl));
    records.addAll(WebRecords.of(server, domain, origin, ttl));
    records.addAll(WebRecords.tlsReporting(domain, origin, ttl));
    for (ExtraRecord extra : domain.records()) {
      records.add(extra(extra, origin));
    }
    return withSoa(origin, absolute(domain.ns().get(0)), domain.name(), ttl, records);
  }

  /**
   * RFC 6186 records pointing clients at this server; a disabled service gets the target "."
   * ("decidedly not available", RFC 6186 section 4), an ephemeral port gets none.
   */
  private List<Record> serviceRecords(Name origin, long ttl) {
    List<Record> out = new ArrayList<>();
    Name target = absolute(server.hostname());
    Ports ports = server.ports();
    Service[] services = {
      Service.SUBMISSION,
      Service.SUBMISSIONS,
      Service.IMAP,
      Service.IMAPS,
      Service.POP3,
      Service.POP3S
    };
    for (Service s : services) {
      int port = ports.port(s);
      if (port == 0) {
        continue;
      }
      Name owner = relative("_" + s.specName() + "._tcp", origin);
      out.add(
          port == Ports.OFF
              ? new SRVRecord(owner, DClass.IN, ttl, 0, 0, 0, Name.root)
              : new SRVRecord(owner, DClass.IN, ttl, 0, 1, port, target));
    }
    return out;
  }

  /** One in-addr.arpa zone per /24 holding the PTRs of MX hosts of domains with reverse: true. */
  private List<CompiledZone> reverseZones(List<Domain> domains) {
    Map<Name, List<Record>> byZone = new TreeMap<>();
    Map<Name, Domain> firstOwner = new TreeMap<>();
    for (Domain d : domains) {
      if (!d.reverse()) {
        continue;
      }
      for (Mx mx : d.mx()) {
        for (InetAddress a : hostAddresses(d, mx.host())) {
          if (!(a instanceof Inet4Address)) {
            continue;
          }
          Name ptr = ReverseMap.fromAddress(a);
          Name zone = new Name(ptr, 1);
          firstOwner.putIfAbsent(zone, d);
          PTRRecord record = new PTRRecord(ptr, DClass.IN, d.ttl(), absolute(mx.host()));
          List<Record> list = byZone.computeIfAbsent(zone, z -> new ArrayList<>());
          if (list.stream().noneMatch(r -> r.getName().equals(ptr))) {
            list.add(record);
          }
        }
      }
    }
    List<CompiledZone> out = new ArrayList<>();
    byZone.forEach(
        (zone, ptrs) -> {
          Domain owner = firstOwner.get(zone);
          List<Record> records = new ArrayList<>();
          for (String ns : owner.ns()) {
            records.add(new NSRecord(zone, DClass.IN, owner.ttl(), absolute(ns)));
          }
          records.addAll(ptrs);
          out.add(withSoa(zone, absolute(owner.ns().get(0)), owner.name(), owner.ttl(), records));
        });
    return out;
  }

  private static List<InetAddress> hostAddresses(Domain d, String fqdn) {
    if (fqdn.equals(d.name())) {
      return d.hosts().getOrDefault("@", List.of());
    }
    if (!fqdn.endsWith("." + d.name())) {
      return List.of();
    }
    return d.hosts()
        .getOrDefault(fqdn.substring(0, fqdn.length() - d.name().length() - 1), List.of());
  }

  /** Adds the SOA, with a serial that changes only when the other records do. */
  private CompiledZone withSoa(
      Name origin, Name primary, String mailDomain, long ttl, List<Record> records) {
    Name admin = absolute("postmaster." + mailDomain); // postmaster@ always exists (RFC 5321)
    String digest = digest(primary, admin, ttl, records);
    long serial = serials.serial(origin.toString(), digest);
    SOARecord soa =
        new SOARecord(
            origin, DClass.IN, ttl, primary, admin, serial, REFRESH, RETRY, EXPIRE, NEGATIVE_TTL);
    return new CompiledZone(origin, soa, records);
  }

  private static String digest(Name primary, Name admin, long ttl, List<Record> records) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((primary + " " + admin + " " + ttl + "\n").getBytes(StandardCharsets.UTF_8));
      for (Record r : records) {
        sha.update((r + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static Record address(Name owner, long ttl, InetAddress a) {
    return a instanceof Inet6Address
        ? new AAAARecord(owner, DClass.IN, ttl, a)
        : new ARecord(owner, DClass.IN, ttl, a);
  }

  /** A TXT record, split into 255-octet strings as RFC 1035 3.3.14 requires. */
  static TXTRecord txt(Name owner, long ttl, String text) {
    List<String> parts = new ArrayList<>();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += MAX_TXT_STRING) {
      parts.add(
          new String(bytes, i, Math.min(MAX_TXT_STRING, bytes.length - i), StandardCharsets.UTF_8));
    }
    return new TXTRecord(owner, DClass.IN, ttl, parts);
  }

  private static Record extra(ExtraRecord extra, Name origin) {
    Name owner = extra.name().equals("@") ? origin : relative(extra.name(), origin);
    if (extra.type().equals("TXT")) {
      return txt(owner, extra.ttl(), extra.value());
    }
    try {
      return Record.fromString(
          owner, Type.value(extra.type()), DClass.IN, extra.ttl(), extra.value(), origin);
    } catch (java.io.IOException e) {
      // The spec validator checks every value first, so this is a bug, not a user mistake.
      throw new IllegalStateException("cannot compile " + extra + ": " + e.getMessage(), e);
    }
  }

  static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + name, e);
    }
  }

  static Name relative(String label, Name origin) {
    try {
      return Name.fromString(label, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a name: " + label, e);
    }
  }
}
