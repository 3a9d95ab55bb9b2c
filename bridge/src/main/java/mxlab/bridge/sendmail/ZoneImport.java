package mxlab.bridge.sendmail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mxlab.core.address.DomainNames;
import mxlab.core.spec.write.Section;
import mxlab.core.spec.write.YamlMap;
import mxlab.core.spec.write.YamlNode;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * BIND zone files (db.DOMAIN, as the tutorial names them) into the imported domains: hosts, MX, NS,
 * SPF, DMARC, the DKIM selectors and extra records; a reverse zone pointing at a domain's host
 * turns on its reverse. The SRV records mxlab writes itself (RFC 6186) and the web's names
 * (autoconfig, autodiscover, mta-sts, their SRV and TXT records) are left to it: it makes them
 * again for its own listener.
 */
final class ZoneImport {
  private static final Set<String> OWN_SRV =
      Set.of(
          "_submission._tcp",
          "_submissions._tcp",
          "_imap._tcp",
          "_imaps._tcp",
          "_pop3._tcp",
          "_pop3s._tcp",
          "_autodiscover._tcp");

  /** Hosts and TXT owners mxlab's web listener publishes itself (dns WebRecords). */
  private static final Set<String> OWN_WEB_NAMES =
      Set.of("autoconfig", "autodiscover", "mta-sts", "_mta-sts");

  private final Map<String, ImportedDomain> domains;
  private final List<String> report;

  private ZoneImport(Map<String, ImportedDomain> domains, List<String> report) {
    this.domains = domains;
    this.report = report;
  }

  static void read(Path dir, Map<String, ImportedDomain> domains, List<String> report)
      throws IOException {
    ZoneImport z = new ZoneImport(domains, report);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "db.*")) {
      for (Path file : files) {
        z.file(file);
      }
    }
  }

  private void file(Path file) throws IOException {
    String origin = DomainNames.normalize(file.getFileName().toString().substring(3));
    List<Record> records = new ArrayList<>();
    try (Master master = new Master(file.toString(), Name.fromString(origin + "."))) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        records.add(r);
      }
    } catch (TextParseException e) {
      report.add("zone file " + file + " is not valid: " + e.getMessage());
      return;
    }
    ImportedDomain d = domains.get(origin);
    if (d != null) {
      forward(d, records);
    } else if (origin.endsWith(".in-addr.arpa") || origin.endsWith(".ip6.arpa")) {
      reverse(records);
    } else {
      report.add("zone file " + file.getFileName() + " is for no domain in local-host-names");
    }
  }

  private void reverse(List<Record> records) {
    for (Record r : records) {
      if (r.getType() == Type.PTR) {
        String target = r.rdataToString();
        domains.values().stream()
            .filter(d -> DomainNames.isWithin(target, d.name))
            .forEach(d -> d.reverse = true);
      }
    }
  }

  private void forward(ImportedDomain d, List<Record> records) {
    Name origin = Name.fromConstantString(d.name + ".");
    // an absent SPF or DMARC record is written as "" in the spec, which turns mxlab's off
    d.spf = "";
    d.dmarc = "";
    for (Record r : records) {
      String owner = r.getName().equals(origin) ? "@" : r.getName().relativize(origin).toString();
      String value = r.rdataToString();
      if (OWN_WEB_NAMES.contains(owner)) {
        continue;
      }
      switch (r.getType()) {
        case Type.SOA -> d.ttl = r.getTTL();
        case Type.A, Type.AAAA -> d.addHost(owner, value);
        case Type.MX -> d.mx.add(relative(value, d.name));
        case Type.NS -> d.ns.add(relative(value, d.name));
        case Type.TXT -> text(d, owner, String.join("", ((TXTRecord) r).getStrings()));
        case Type.SRV -> {
          if (!OWN_SRV.contains(owner)) {
            int target = value.lastIndexOf(' ') + 1;
            String srv = value.substring(0, target) + relative(value.substring(target), d.name);
            d.records.add(extra(owner, "SRV", srv));
          }
        }
        case Type.CNAME, Type.PTR ->
            d.records.add(extra(owner, Type.string(r.getType()), relative(value, d.name)));
        case Type.CAA -> d.records.add(extra(owner, "CAA", value));
        default -> report.add(d.name + ": record " + r + " has no place in a spec");
      }
    }
  }

  private static void text(ImportedDomain d, String owner, String text) {
    if (owner.endsWith("._domainkey") && text.startsWith("v=DKIM1")) {
      // mxlab publishes its own keys: the selector is kept, the key is made again in data_dir
      String type = text.matches("(?s).*\\bk=\\s*ed25519\\b.*") ? "ed25519" : "rsa";
      d.dkimKeys.add(new ImportedDomain.DkimKey(owner.substring(0, owner.indexOf('.')), type));
    } else if (owner.equals("@") && text.startsWith("v=spf1")) {
      d.spf = text;
    } else if (owner.equals("_dmarc") && text.startsWith("v=DMARC1")) {
      d.dmarc = text;
    } else {
      d.records.add(extra(owner, "TXT", text));
    }
  }

  private static YamlMap extra(String owner, String type, String value) {
    return new YamlMap(Section.RECORD)
        .style(YamlNode.Style.AUTO)
        .put("name", owner)
        .put("type", type)
        .put("value", value);
  }

  /** "mail.bann.com." as "mail" when the name is in the domain, as a spec writes it. */
  private static String relative(String value, String domain) {
    String v = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    String suffix = "." + domain;
    return v.endsWith(suffix) ? v.substring(0, v.length() - suffix.length()) : v + ".";
  }
}
