package mxlab.core.spec.read;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mxlab.core.address.DomainNames;
import mxlab.core.address.MailAddress;
import mxlab.core.spec.Dkim;
import mxlab.core.spec.Domain;
import mxlab.core.spec.ExtraRecord;
import mxlab.core.spec.Location;
import mxlab.core.spec.MtaSts;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Problems;
import mxlab.core.spec.SpecDefaults;
import mxlab.core.spec.User;

/**
 * The {@code domains} section: each domain's own keys here, its hosts, mx and ns, records, users
 * and aliases by their readers.
 */
record DomainReader(Problems problems, CrossReferences refs, Addresses addresses) {

  List<Domain> read(Fields top) {
    List<Domain> out = new ArrayList<>();
    List<Node> items = top.list("domains");
    if (items.isEmpty()) {
      problems.error(
          top.at("domains"),
          "the spec hosts no domain",
          "add 'domains:' with at least one '- name: example.com'");
    }
    for (int i = 0; i < items.size(); i++) {
      Domain d =
          readDomain(Fields.of(items.get(i), top.location(), "domains[" + i + "]", problems));
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private Domain readDomain(Fields f) {
    String name = f.string("name", null);
    if (name == null) {
      problems.error(f.location(), f.where() + " has no name", "write '- name: example.com'");
      f.finish();
      return null;
    }
    if (!DomainNames.isHostName(name, true)) {
      problems.error(
          f.at("name"),
          "'" + name + "' is not a domain name",
          "write a name with at least one dot, like bann.com");
    }
    name = DomainNames.normalize(name);
    Location previous = refs.domainLocations.putIfAbsent(name, f.at("name"));
    if (previous != null) {
      problems.error(
          f.at("name"),
          "domain " + name + " is hosted twice",
          "merge the two entries; the first is at " + previous);
    }
    String where = "domain " + name;
    long ttl = f.integer("ttl", SpecDefaults.TTL, 0, 2_147_483_647);
    Map<String, List<InetAddress>> hosts = new HostsReader(problems).read(f, name);
    MxReader mxReader = new MxReader(problems, refs);
    List<Mx> mx = mxReader.readMx(f, name, hosts);
    List<String> ns = mxReader.readNs(f, name, hosts, mx);
    List<ExtraRecord> records = new RecordsReader(problems).read(f, name, hosts, ttl);
    String spf = f.string("spf", SpecDefaults.SPF);
    String dmarc = f.string("dmarc", SpecDefaults.DMARC);
    if (!spf.isEmpty() && !spf.startsWith("v=spf1")) {
      problems.error(f.at("spf"), where + ": spf must start with 'v=spf1'", "e.g. v=spf1 mx -all");
    }
    if (!dmarc.isEmpty() && !dmarc.startsWith("v=DMARC1")) {
      problems.error(
          f.at("dmarc"), where + ": dmarc must start with 'v=DMARC1'", "e.g. v=DMARC1; p=none");
    }
    Dkim dkim = new DkimReader(problems).read(f, where);
    boolean reverse = f.bool("reverse", false);
    List<User> users = new UsersReader(problems, refs, addresses).read(f, name);
    Map<String, List<String>> aliases =
        new AliasesReader(problems, refs, addresses).read(f, name, users);
    String catchAll = readCatchAll(f, name, where);
    MtaSts mtaSts = readMtaSts(f, where);
    f.finish();
    return new Domain(
        name, ttl, hosts, ns, mx, records, spf, dmarc, dkim, reverse, users, aliases, catchAll,
        mtaSts);
  }

  /** {@code mta_sts: testing} (or enforce, none), with {@code tls_rpt: mailto:...} beside it. */
  private MtaSts readMtaSts(Fields f, String where) {
    String mode = f.string("mta_sts", null);
    String tlsRpt = f.string("tls_rpt", "");
    Duration maxAge = f.duration("mta_sts_max_age", SpecDefaults.MTA_STS_MAX_AGE);
    if (maxAge.compareTo(MtaSts.MAX_AGE_LIMIT) > 0) {
      // RFC 8461 3.2: a sender must treat a larger max_age as a broken policy
      problems.error(
          f.at("mta_sts_max_age"),
          where
              + ": mta_sts_max_age "
              + maxAge.toSeconds()
              + "s is more than RFC 8461 allows (31557600s, about a year)",
          "write at most 31557600 (or 365d); a week (7d) is usual while testing");
      maxAge = MtaSts.MAX_AGE_LIMIT;
    }
    if (!tlsRpt.isEmpty() && !tlsRpt.startsWith("mailto:") && !tlsRpt.startsWith("https://")) {
      problems.error(
          f.at("tls_rpt"),
          where + ": tls_rpt must be a mailto: or https:// address (RFC 8460 3)",
          "e.g. tls_rpt: mailto:postmaster@example.com");
    }
    if (mode == null) {
      if (!tlsRpt.isEmpty()) {
        return new MtaSts("", maxAge, tlsRpt); // reports without a policy are allowed
      }
      return null;
    }
    if (!MtaSts.MODES.contains(mode)) {
      problems.error(
          f.at("mta_sts"),
          where + ": mta_sts '" + mode + "' is not a mode",
          "write one of " + String.join(", ", MtaSts.MODES) + " (start with testing)");
      return null;
    }
    return new MtaSts(mode, maxAge, tlsRpt);
  }

  private String readCatchAll(Fields f, String name, String where) {
    String ca = f.string("catch_all", null);
    if (ca == null) {
      return null;
    }
    String catchAll = addresses.qualify(ca, name, f.at("catch_all"), where + " catch_all");
    if (catchAll != null
        && !Addresses.isMailboxName(MailAddress.parse(catchAll).orElseThrow().local())) {
      problems.error(
          f.at("catch_all"),
          where + " catch_all: '" + ca + "' is not a mailbox name",
          Addresses.MAILBOX_NAME_HINT + ", like test or test@" + name);
      catchAll = null;
    }
    refs.checkLater("catch_all of " + name, catchAll, f.at("catch_all"));
    return catchAll;
  }
}
