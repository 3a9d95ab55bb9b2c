package mxlab.core.spec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.core.address.AddressRange;
import mxlab.core.address.DomainNames;
import mxlab.core.address.IpLiterals;
import mxlab.core.address.MailAddress;
import mxlab.core.auth.PasswordHash;

/** Binds a located YAML tree to the {@link Spec} records, reporting every mistake it meets. */
final class SpecReader {
  static final Set<String> RECORD_TYPES = Set.of("A", "AAAA", "CNAME", "TXT", "SRV", "MX", "CAA");
  private static final String MAILBOX_NAME_HINT =
      "write letters, digits and . - _ + (a dot-atom without / or quotes)";

  private final String file;
  private final Path baseDir;
  private final String stem;
  private final Problems problems;

  /** Every address the spec sends mail to, checked against the recipients once all is read. */
  final List<TargetRef> targets = new ArrayList<>();

  /** Every host name an MX or NS record names, checked for an address once all is read. */
  final List<HostRef> hostRefs = new ArrayList<>();

  /** Where each domain and user was written, for messages about duplicates. */
  final Map<String, Location> domainLocations = new LinkedHashMap<>();

  /** Where each virtual key was written, for messages about the entry. */
  final Map<String, Location> virtualLocations = new LinkedHashMap<>();

  record TargetRef(String from, String target, Location location) {}

  record HostRef(String domain, String host, String role, Location location) {}

  SpecReader(String file, Path baseDir, String stem, Problems problems) {
    this.file = file;
    this.baseDir = baseDir;
    this.stem = stem;
    this.problems = problems;
  }

  Spec read(Node root) {
    Fields top = Fields.of(root, new Location(file, 1, 1), "the spec", problems);
    readVersion(top);
    List<Domain> domains = readDomains(top);
    Server server = readServer(top, domains);
    List<VirtualEntry> virtual = readVirtual(top);
    List<AccessEntry> access = readAccess(top);
    List<String> relayDomains = readRelayDomains(top);
    List<Admin> admins = readAdmins(top);
    DnsSettings dns = readDns(top);
    top.finish();
    return new Spec(file, 1, server, domains, virtual, access, relayDomains, admins, dns);
  }

  private void readVersion(Fields top) {
    String version = top.string("version", null);
    if (version == null) {
      problems.error(
          top.location(), "the spec has no version", "write 'version: 1' as its first line");
    } else if (!version.trim().equals("1")) {
      problems.error(
          top.at("version"),
          "version " + version + " is not supported by this mxlab",
          "write 'version: 1'");
    }
  }

  // ---------------------------------------------------------------- server

  private Server readServer(Fields top, List<Domain> domains) {
    Fields f = Fields.of(top.node("server"), top.location(), "server", problems);
    String hostname = f.string("hostname", null);
    if (hostname == null) {
      hostname = defaultHostname(domains);
    } else if (!DomainNames.isHostName(hostname, true)) {
      problems.error(
          f.at("hostname"),
          "server.hostname '" + hostname + "' is not a fully qualified host name",
          "write the mail host's name, like mail.bann.com");
    }
    hostname = DomainNames.normalize(hostname);

    InetAddress listen = address(f, "listen", "127.0.0.1");
    Ports ports = readPorts(f);
    String dir = f.string("data_dir", "var/" + stem);
    Path dataDir = baseDir.resolve(dir).normalize();
    long maxSize = f.size("max_message_size", 10_240_000L);
    if (maxSize < 1024) {
      problems.error(
          f.at("max_message_size"),
          "server.max_message_size is too small to hold a message",
          "write at least 1kB; sendmail's example is 1000000");
    }
    QueueSettings queue = readQueue(f);
    String mailerDaemon = f.string("mailer_daemon", "MAILER-DAEMON");
    String postmaster = f.string("postmaster", null);
    if (postmaster != null) {
      postmaster = address(postmaster, f.at("postmaster"), "server.postmaster");
      checkLater("server.postmaster", postmaster, f.at("postmaster"));
    } else {
      postmaster = defaultPostmaster(domains, hostname);
    }
    List<InetSocketAddress> resolvers = readResolvers(f);
    TlsSettings tls = readTls(f);
    boolean plaintext = f.bool("allow_plaintext_auth", false);
    Limits limits = readLimits(f);
    Relayhost relayhost = readRelayhost(f);
    int remotePort = f.integer("remote_port", 25, 1, 65535);
    f.finish();
    return new Server(
        hostname,
        listen,
        ports,
        dataDir,
        maxSize,
        queue,
        mailerDaemon,
        postmaster,
        resolvers,
        tls,
        plaintext,
        limits,
        relayhost,
        remotePort);
  }

  private Relayhost readRelayhost(Fields server) {
    String text = server.string("relayhost", null);
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    boolean bracketed = t.startsWith("[");
    String host = t;
    int port = 25;
    int close = bracketed ? t.indexOf(']') : -1;
    String rest = bracketed ? (close < 0 ? null : t.substring(close + 1)) : "";
    if (bracketed) {
      host = close < 0 ? "" : t.substring(1, close);
    } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      rest = t.substring(t.indexOf(':'));
    }
    if (rest != null && rest.startsWith(":")) {
      Optional<Integer> p = Ports.parse(rest.substring(1));
      port = p.filter(n -> n > 0).orElse(-1);
      rest = "";
    }
    boolean literal = IpLiterals.parse(host).isPresent();
    if (rest == null
        || !rest.isEmpty()
        || port < 0
        || (!literal && !DomainNames.isHostName(host, false))) {
      problems.error(
          server.at("relayhost"),
          "server.relayhost '" + text + "' is not a host",
          "write mail.isp.net (looked up by MX), [mail.isp.net] or [192.0.2.25] (used as is),"
              + " with an optional :port");
      return null;
    }
    return new Relayhost(DomainNames.normalize(host), port, !bracketed && !literal);
  }

  private static String defaultHostname(List<Domain> domains) {
    if (domains.isEmpty()) {
      return "localhost.localdomain";
    }
    Domain first = domains.get(0);
    return first.mx().isEmpty() ? "mail." + first.name() : first.mx().get(0).host();
  }

  private static String defaultPostmaster(List<Domain> domains, String hostname) {
    for (Domain d : domains) {
      if (!d.users().isEmpty()) {
        return d.users().get(0).name() + "@" + d.name();
      }
    }
    return "postmaster@" + hostname;
  }

  private Ports readPorts(Fields server) {
    Fields f = Fields.of(server.node("ports"), server.location(), "server.ports", problems);
    Ports ports = Ports.defaults();
    for (Service s : Service.values()) {
      String text = f.string(s.specName(), null);
      if (text == null) {
        continue;
      }
      Optional<Integer> port = Ports.parse(text);
      if (port.isEmpty()) {
        problems.error(
            f.at(s.specName()),
            "server.ports."
                + s.specName()
                + " must be a port from 0 to 65535 or 'off', not '"
                + text
                + "'",
            "write " + s.defaultPort() + " for the standard port");
      } else {
        ports = ports.with(s, port.get());
      }
    }
    f.finish();
    return ports;
  }

  private QueueSettings readQueue(Fields server) {
    Fields f = Fields.of(server.node("queue"), server.location(), "server.queue", problems);
    QueueSettings d = QueueSettings.defaults();
    Duration warn = f.duration("warn_after", d.warnAfter());
    Duration ret = f.duration("return_after", d.returnAfter());
    Duration min = f.duration("min_backoff", d.minBackoff());
    Duration max = f.duration("max_backoff", d.maxBackoff());
    int per = f.integer("per_destination", d.perDestination(), 1, 100);
    if (ret.compareTo(warn) <= 0 && f.has("warn_after")) {
      problems.error(
          f.at("warn_after"),
          "server.queue.warn_after ("
              + Durations.format(warn)
              + ") is not before return_after ("
              + Durations.format(ret)
              + ")",
          "a delay warning must come before the bounce, like warn_after: 4h, return_after: 5d");
    }
    if (max.compareTo(min) < 0) {
      problems.error(
          f.at("max_backoff"),
          "server.queue.max_backoff is shorter than min_backoff",
          "write e.g. min_backoff: 5m, max_backoff: 67m");
    }
    f.finish();
    return new QueueSettings(warn, ret, min, max, per);
  }

  private List<InetSocketAddress> readResolvers(Fields server) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (Scalars.Item item : server.strings("resolver")) {
      String text = item.text().trim();
      if (text.equalsIgnoreCase("system")) {
        continue;
      }
      Optional<InetSocketAddress> address = hostPort(text, 53);
      if (address.isEmpty()) {
        problems.error(
            item.location(),
            "server.resolver '" + text + "' is not an IP address",
            "write 'system', an address like 127.0.0.3, or one with a port: 127.0.0.3:5353");
      } else {
        out.add(address.get());
      }
    }
    return out;
  }

  static Optional<InetSocketAddress> hostPort(String text, int defaultPort) {
    String host = text;
    int port = defaultPort;
    int colon = text.lastIndexOf(':');
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = text.substring(1, close);
      if (close + 1 < text.length()) {
        if (text.charAt(close + 1) != ':') {
          return Optional.empty();
        }
        Optional<Integer> p = Ports.parse(text.substring(close + 2));
        if (p.isEmpty() || p.get() <= 0) {
          return Optional.empty();
        }
        port = p.get();
      }
    } else if (colon > 0 && text.indexOf(':') == colon) {
      host = text.substring(0, colon);
      Optional<Integer> p = Ports.parse(text.substring(colon + 1));
      if (p.isEmpty() || p.get() <= 0) {
        return Optional.empty();
      }
      port = p.get();
    }
    int finalPort = port;
    return IpLiterals.parse(host).map(a -> new InetSocketAddress(a, finalPort));
  }

  private TlsSettings readTls(Fields server) {
    Fields f = Fields.of(server.node("tls"), server.location(), "server.tls", problems);
    String cert = f.string("cert", null);
    String key = f.string("key", null);
    f.finish();
    if (cert == null && key == null) {
      return TlsSettings.selfSigned();
    }
    if (cert == null || key == null) {
      problems.error(
          f.location(),
          "server.tls needs both cert and key",
          "write cert: path/to/fullchain.pem and key: path/to/privkey.pem, or neither for a"
              + " self-signed certificate");
      return TlsSettings.selfSigned();
    }
    return new TlsSettings(baseDir.resolve(cert).normalize(), baseDir.resolve(key).normalize());
  }

  private Limits readLimits(Fields server) {
    Fields f = Fields.of(server.node("limits"), server.location(), "server.limits", problems);
    Limits d = Limits.defaults();
    Limits limits =
        new Limits(
            f.integer("connections", d.connections(), 1, 100_000),
            f.integer("connections_per_ip", d.connectionsPerIp(), 1, 100_000),
            f.integer("max_recipients", d.maxRecipients(), 1, 100_000),
            f.integer("max_errors", d.maxErrors(), 1, 1000),
            f.integer("auth_failures", d.authFailures(), 1, 100),
            f.duration("command_timeout", d.commandTimeout()),
            f.duration("data_timeout", d.dataTimeout()),
            f.duration("session_timeout", d.sessionTimeout()),
            f.duration("pop3_timeout", d.pop3Timeout()),
            f.duration("auth_delay", d.authDelay()));
    f.finish();
    return limits;
  }

  // ---------------------------------------------------------------- domains

  private List<Domain> readDomains(Fields top) {
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
    Location previous = domainLocations.putIfAbsent(name, f.at("name"));
    if (previous != null) {
      problems.error(
          f.at("name"),
          "domain " + name + " is hosted twice",
          "merge the two entries; the first is at " + previous);
    }
    String where = "domain " + name;
    long ttl = f.integer("ttl", 3600, 0, 2_147_483_647);
    Map<String, List<InetAddress>> hosts = readHosts(f, name);
    List<Mx> mx = readMx(f, name, hosts);
    List<String> ns = readNs(f, name, hosts, mx);
    List<ExtraRecord> records = readRecords(f, name, hosts, ttl);
    String spf = f.string("spf", "v=spf1 mx -all");
    String dmarc = f.string("dmarc", "v=DMARC1; p=none");
    if (!spf.isEmpty() && !spf.startsWith("v=spf1")) {
      problems.error(f.at("spf"), where + ": spf must start with 'v=spf1'", "e.g. v=spf1 mx -all");
    }
    if (!dmarc.isEmpty() && !dmarc.startsWith("v=DMARC1")) {
      problems.error(
          f.at("dmarc"), where + ": dmarc must start with 'v=DMARC1'", "e.g. v=DMARC1; p=none");
    }
    boolean reverse = f.bool("reverse", false);
    List<User> users = readUsers(f, name);
    Map<String, List<String>> aliases = readAliases(f, name, users);
    String catchAll = null;
    String ca = f.string("catch_all", null);
    if (ca != null) {
      catchAll = qualify(ca, name, f.at("catch_all"), where + " catch_all");
      if (catchAll != null && !isMailboxName(MailAddress.parse(catchAll).orElseThrow().local())) {
        problems.error(
            f.at("catch_all"),
            where + " catch_all: '" + ca + "' is not a mailbox name",
            MAILBOX_NAME_HINT + ", like test or test@" + name);
        catchAll = null;
      }
      checkLater("catch_all of " + name, catchAll, f.at("catch_all"));
    }
    f.finish();
    return new Domain(
        name, ttl, hosts, ns, mx, records, spf, dmarc, reverse, users, aliases, catchAll);
  }

  private Map<String, List<InetAddress>> readHosts(Fields domain, String name) {
    Map<String, List<InetAddress>> hosts = new LinkedHashMap<>();
    for (Node.Entry e : domain.mappingEntries("hosts").values()) {
      String host = relative(e.key(), name);
      if (!host.equals("@") && !DomainNames.isHostName(host, false)) {
        problems.error(
            e.keyLocation(),
            "'" + e.key() + "' is not a host name",
            "use letters, digits and inner hyphens, like mail or ns1; '@' is the domain itself");
        continue;
      }
      List<InetAddress> addresses = new ArrayList<>();
      List<Node> values = e.value() instanceof Node.Sequence s ? s.items() : List.of(e.value());
      for (Node v : values) {
        String text = v instanceof Node.Scalar s ? s.text() : null;
        Optional<InetAddress> a = text == null ? Optional.empty() : IpLiterals.parse(text);
        if (a.isEmpty()) {
          problems.error(
              v.location(),
              "host "
                  + host
                  + "."
                  + name
                  + ": '"
                  + (text == null ? v.kind() : text)
                  + "' is not an IP address",
              "write an IPv4 address like 192.168.0.100 or an IPv6 one like 2001:db8::25");
        } else {
          addresses.add(a.get());
        }
      }
      hosts.put(host, List.copyOf(addresses));
    }
    return hosts;
  }

  /** A host name relative to {@code domain}: "mail" for mail.bann.com, "@" for the apex. */
  private static String relative(String host, String domain) {
    String h = DomainNames.normalize(host);
    if (h.equals(domain) || h.equals("@")) {
      return "@";
    }
    return h.endsWith("." + domain) ? h.substring(0, h.length() - domain.length() - 1) : h;
  }

  /** Fully qualifies a host an MX or NS names; relative names must be hosts of the domain. */
  private String hostTarget(String text, String domain, Map<String, List<InetAddress>> hosts) {
    String t = text.trim();
    if (t.endsWith(".")) {
      return DomainNames.normalize(t);
    }
    String rel = relative(t, domain);
    if (hosts.containsKey(rel) || !t.contains(".")) {
      return rel.equals("@") ? domain : rel + "." + domain;
    }
    return DomainNames.normalize(t);
  }

  private List<Mx> readMx(Fields f, String domain, Map<String, List<InetAddress>> hosts) {
    List<Mx> out = new ArrayList<>();
    if (!f.has("mx")) {
      if (hosts.containsKey("mail")) {
        out.add(new Mx(10, "mail." + domain));
        hostRefs.add(new HostRef(domain, "mail." + domain, "MX", f.location()));
      }
      return out;
    }
    for (Node item : f.list("mx")) {
      Integer priority = null;
      String host = null;
      if (item instanceof Node.Scalar s && s.text() != null) {
        String[] parts = s.text().trim().split("\\s+");
        if (parts.length == 2 && parts[0].matches("\\d{1,5}")) {
          priority = Integer.parseInt(parts[0]);
          host = parts[1];
        }
      } else if (item instanceof Node.Mapping) {
        Fields m = Fields.of(item, item.location(), "mx of " + domain, problems);
        priority = m.integer("priority", 10, 0, 65535);
        host = m.string("host", null);
        m.finish();
      }
      if (priority == null || host == null || priority > 65535) {
        problems.error(
            item.location(),
            "an mx entry of " + domain + " needs a priority and a host",
            "write '- { priority: 10, host: mail }' or '- 10 mail'");
        continue;
      }
      String fq = hostTarget(host, domain, hosts);
      if (!DomainNames.isHostName(fq, false)) {
        problems.error(item.location(), "mx host '" + host + "' is not a host name");
        continue;
      }
      out.add(new Mx(priority, fq));
      hostRefs.add(new HostRef(domain, fq, "MX", item.location()));
    }
    return out;
  }

  private List<String> readNs(
      Fields f, String domain, Map<String, List<InetAddress>> hosts, List<Mx> mx) {
    List<String> out = new ArrayList<>();
    for (Scalars.Item item : f.strings("ns")) {
      String fq = hostTarget(item.text(), domain, hosts);
      if (!DomainNames.isHostName(fq, true)) {
        problems.error(item.location(), "ns '" + item.text() + "' is not a host name");
        continue;
      }
      out.add(fq);
      hostRefs.add(new HostRef(domain, fq, "NS", item.location()));
    }
    if (out.isEmpty()) {
      // mxlab serves DNS on the mail host, so that host is the natural name server.
      if (!mx.isEmpty()) {
        out.add(mx.get(0).host());
      } else if (hosts.containsKey("ns1")) {
        out.add("ns1." + domain);
      } else {
        problems.error(
            f.location(),
            "domain " + domain + " has no name server: no ns, no mx, no host ns1",
            "add 'hosts: { mail: 192.0.2.10 }' (used as MX and NS) or 'ns: [ns1.example.net.]'");
      }
    }
    return out;
  }

  private List<ExtraRecord> readRecords(
      Fields f, String domain, Map<String, List<InetAddress>> hosts, long ttl) {
    List<ExtraRecord> out = new ArrayList<>();
    for (Node item : f.list("records")) {
      Fields r = Fields.of(item, item.location(), "a record of " + domain, problems);
      String owner = relative(r.string("name", "@"), domain);
      String type = r.string("type", "").trim().toUpperCase(Locale.ROOT);
      String value = r.string("value", null);
      long recordTtl = r.integer("ttl", (int) Math.min(ttl, Integer.MAX_VALUE), 0, 2_147_483_647);
      r.finish();
      if (!owner.equals("@") && !DomainNames.isOwnerName(owner)) {
        problems.error(r.at("name"), "'" + owner + "' is not a record name");
        continue;
      }
      if (!RECORD_TYPES.contains(type)) {
        problems.error(
            r.at("type"),
            "record type '" + type + "' is not supported here",
            "write one of " + String.join(", ", RECORD_TYPES.stream().sorted().toList()));
        continue;
      }
      if (value == null || value.isBlank()) {
        problems.error(r.location(), "a " + type + " record of " + domain + " needs a value");
        continue;
      }
      String problem = RecordValues.check(type, value);
      if (problem != null) {
        problems.error(r.at("value"), type + " record " + owner + ": " + problem);
        continue;
      }
      if (type.equals("CNAME") && (owner.equals("@") || hosts.containsKey(owner))) {
        problems.error(
            r.at("name"),
            "CNAME at " + owner + " would sit beside other records of that name (RFC 1034 3.6.2)",
            "give the alias a name of its own, like www");
        continue;
      }
      out.add(new ExtraRecord(owner, type, value.trim(), recordTtl));
    }
    return out;
  }

  private List<User> readUsers(Fields f, String domain) {
    List<User> out = new ArrayList<>();
    Map<String, Location> seen = new LinkedHashMap<>();
    for (Node item : f.list("users")) {
      Fields u = Fields.of(item, item.location(), "a user of " + domain, problems);
      String name = u.string("name", null);
      String password = u.string("password", null);
      List<Scalars.Item> forward = u.strings("forward");
      boolean keep = u.bool("keep_copy", false);
      u.finish();
      if (name == null) {
        problems.error(
            u.location(), "a user of " + domain + " has no name", "write '- name: test'");
        continue;
      }
      if (!isMailboxName(name)) {
        problems.error(
            u.at("name"),
            "'" + name + "' is not a user name",
            MAILBOX_NAME_HINT + ", the part before @, like test for test@" + domain);
        continue;
      }
      Location first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), u.at("name"));
      if (first != null) {
        problems.error(
            u.at("name"),
            "user " + name + "@" + domain + " is defined twice",
            "keep one; the first is at " + first);
        continue;
      }
      PasswordHash hash = null;
      if (password != null) {
        hash = readPassword(password, name + "@" + domain, u.at("password"));
      }
      List<String> fwd = new ArrayList<>();
      for (Scalars.Item item2 : forward) {
        String target = address(item2.text(), item2.location(), "forward of " + name);
        if (target != null) {
          fwd.add(target);
          if (!target.equalsIgnoreCase(name + "@" + domain)) {
            checkLater(name + "@" + domain, target, item2.location());
          }
        }
      }
      out.add(new User(name, hash, fwd, keep));
    }
    return out;
  }

  private PasswordHash readPassword(String text, String who, Location at) {
    Optional<PasswordHash> hash = PasswordHash.parse(text);
    if (hash.isEmpty()) {
      problems.error(
          at,
          "the password of " + who + " names an unknown scheme",
          "write {SHA512-CRYPT}$6$... (from 'mxlab passwd'), or {PLAIN}secret for a lab");
      return null;
    }
    if (hash.get().scheme() == PasswordHash.Scheme.PLAIN && !text.startsWith("{")) {
      problems.warning(
          at,
          "the password of " + who + " is stored in clear",
          "store a hash from 'mxlab passwd', or write {PLAIN}... to say it is deliberate");
    }
    return hash.get();
  }

  private Map<String, List<String>> readAliases(Fields f, String domain, List<User> users) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Node.Entry e : f.mappingEntries("aliases").values()) {
      String alias = e.key().toLowerCase(Locale.ROOT);
      if (!isMailboxName(alias)) {
        problems.error(
            e.keyLocation(),
            "'" + e.key() + "' is not an alias name",
            MAILBOX_NAME_HINT + ", the part before @, like admin");
        continue;
      }
      if (users.stream().anyMatch(u -> u.name().equalsIgnoreCase(alias))) {
        problems.error(
            e.keyLocation(),
            "'" + alias + "' is both a user and an alias of " + domain,
            "to send a user's mail elsewhere, give the user 'forward:'");
        continue;
      }
      List<Node> values = e.value() instanceof Node.Sequence s ? s.items() : List.of(e.value());
      List<String> list = new ArrayList<>();
      for (Node v : values) {
        String text = v instanceof Node.Scalar s ? s.text() : null;
        if (text == null || text.isBlank()) {
          problems.error(v.location(), "alias " + alias + "@" + domain + " has an empty target");
          continue;
        }
        if (text.startsWith("|") || text.startsWith("/") || text.startsWith(":include:")) {
          problems.error(
              v.location(),
              "alias " + alias + " delivers to a program or file ('" + text + "')",
              "mxlab delivers only to addresses; name a user or an address");
          continue;
        }
        String target = qualify(text, domain, v.location(), "alias " + alias);
        if (target != null) {
          list.add(target);
          checkLater(alias + "@" + domain, target, v.location());
        }
      }
      out.put(alias, List.copyOf(list));
    }
    return out;
  }

  /**
   * A local part fit to name a mailbox: a dot-atom (RFC 5321 4.1.2) without '/', so that as a
   * Maildir directory it is one path segment and never '.' or '..' (a dot-atom has no empty atom).
   * Quoted strings, which could hold anything, are refused too.
   */
  static boolean isMailboxName(String local) {
    return MailAddress.isLocalPart(local)
        && !local.startsWith("\"")
        && local.chars().noneMatch(c -> c == '/' || c == '@' || Character.isISOControl(c));
  }

  /** A user name means a user of {@code domain}; anything with @ must be an address. */
  private String qualify(String text, String domain, Location at, String what) {
    String t = text.trim();
    return address(t.contains("@") ? t : t + "@" + domain, at, what);
  }

  /**
   * Queues a target for the check that it reaches a mailbox once everything is read; a null target
   * was not an address, which is reported already.
   */
  private void checkLater(String from, String target, Location at) {
    if (target != null) {
      targets.add(new TargetRef(from, target, at));
    }
  }

  private String address(String text, Location at, String what) {
    Optional<MailAddress> a = MailAddress.parse(text.trim());
    if (a.isEmpty()) {
      problems.error(
          at, what + ": '" + text + "' is not a mail address", "write it like user@example.com");
      return null;
    }
    return a.get().toString();
  }

  // ---------------------------------------------------------------- maps

  private List<VirtualEntry> readVirtual(Fields top) {
    List<VirtualEntry> out = new ArrayList<>();
    for (Node.Entry e : top.mappingEntries("virtual").values()) {
      String key = e.key().trim();
      boolean catchAll = key.startsWith("@");
      boolean valid =
          catchAll
              ? DomainNames.isHostName(key.substring(1), true)
              : MailAddress.parse(key).filter(a -> isMailboxName(a.local())).isPresent();
      if (!valid) {
        problems.error(
            e.keyLocation(),
            "virtual key '" + key + "' is neither an address nor @domain",
            "write info@other.org for one address (its user a dot-atom without / or quotes),"
                + " or @other.org for the whole domain");
        continue;
      }
      String normalizedKey =
          catchAll
              ? "@" + DomainNames.normalize(key.substring(1))
              : MailAddress.parse(key).get().key();
      virtualLocations.put(normalizedKey, e.keyLocation());
      List<Node> values = e.value() instanceof Node.Sequence s ? s.items() : List.of(e.value());
      List<String> list = new ArrayList<>();
      Rejection error = null;
      for (Node v : values) {
        String text = v instanceof Node.Scalar s && s.text() != null ? s.text().trim() : "";
        if (text.toLowerCase(Locale.ROOT).startsWith("error:")) {
          Optional<Rejection> r = Rejections.parse(text.substring(6));
          if (r.isEmpty() || values.size() > 1) {
            problems.error(
                v.location(),
                "virtual " + key + ": '" + text + "' is not an error entry",
                "write error:nouser User unknown, or error:5.7.1:550 text, as the only target");
          } else {
            error = r.get();
          }
          continue;
        }
        Optional<MailAddress> target =
            MailAddress.parse(text.replace("%1", "x")).filter(a -> isMailboxName(a.local()));
        if (target.isEmpty() || (!catchAll && text.contains("%1"))) {
          problems.error(
              v.location(),
              "virtual " + key + ": '" + text + "' is not a full address",
              "write user@domain, the user a dot-atom without / or quotes; in a catch-all, %1"
                  + " stands for the local part, as in %1@bann.com");
          continue;
        }
        list.add(text);
        if (!text.contains("%1")) {
          checkLater(normalizedKey, target.get().toString(), v.location());
        }
      }
      if (error != null || !list.isEmpty()) {
        out.add(new VirtualEntry(normalizedKey, list, error));
      }
    }
    return out;
  }

  private List<AccessEntry> readAccess(Fields top) {
    List<AccessEntry> out = new ArrayList<>();
    for (Node.Entry e : top.mappingEntries("access").values()) {
      String raw = e.key().trim();
      AccessEntry.Tag tag = AccessEntry.Tag.ANY;
      String key = raw;
      int colon = raw.indexOf(':');
      if (colon > 0 && raw.substring(0, colon).matches("[A-Za-z]+")) {
        String t = raw.substring(0, colon).toLowerCase(Locale.ROOT);
        switch (t) {
          case "connect" -> tag = AccessEntry.Tag.CONNECT;
          case "from" -> tag = AccessEntry.Tag.FROM;
          case "to" -> tag = AccessEntry.Tag.TO;
          default -> {
            problems.error(
                e.keyLocation(),
                "unknown access tag '" + raw.substring(0, colon) + ":'",
                "use Connect:, From:, To:, or no tag to match all three");
            continue;
          }
        }
        key = raw.substring(colon + 1).trim();
      }
      key = key.toLowerCase(Locale.ROOT);
      if (!AccessKeys.valid(tag, key)) {
        problems.error(
            e.keyLocation(),
            "access key '" + raw + "' is not an address, domain, host name or IP (prefix)",
            "write e.g. Connect:192.168.100, Connect:localhost, From:spam@example.com, bann.com");
        continue;
      }
      String value = e.value() instanceof Node.Scalar s && s.text() != null ? s.text().trim() : "";
      Optional<AccessEntry> entry = accessAction(tag, key, value);
      if (entry.isEmpty()) {
        problems.error(
            e.value().location(),
            "access " + raw + ": '" + value + "' is not an action",
            "write OK, RELAY, REJECT, DISCARD, or ERROR:\"550 text\"");
        continue;
      }
      out.add(entry.get());
    }
    return out;
  }

  private static Optional<AccessEntry> accessAction(AccessEntry.Tag tag, String key, String value) {
    String upper = value.toUpperCase(Locale.ROOT);
    if (upper.startsWith("ERROR:")) {
      return Rejections.parse(value.substring(6))
          .map(r -> new AccessEntry(tag, key, AccessEntry.Action.ERROR, r));
    }
    for (AccessEntry.Action a : AccessEntry.Action.values()) {
      if (a != AccessEntry.Action.ERROR && a.name().equals(upper)) {
        return Optional.of(new AccessEntry(tag, key, a, null));
      }
    }
    return Optional.empty();
  }

  private List<String> readRelayDomains(Fields top) {
    List<String> out = new ArrayList<>();
    for (Scalars.Item item : top.strings("relay_domains")) {
      if (!DomainNames.isHostName(item.text(), false)) {
        problems.error(
            item.location(),
            "relay domain '" + item.text() + "' is not a domain name",
            "write a domain like partner.org; its subdomains are included");
      } else {
        out.add(DomainNames.normalize(item.text()));
      }
    }
    return out;
  }

  private List<Admin> readAdmins(Fields top) {
    List<Admin> out = new ArrayList<>();
    for (Node item : top.list("admins")) {
      Fields a = Fields.of(item, item.location(), "an admin", problems);
      String name = a.string("name", null);
      String key = a.string("key", null);
      a.finish();
      if (name == null || !name.matches("[a-zA-Z0-9._-]{1,32}")) {
        problems.error(
            a.location(), "an admin needs a name of letters and digits", "write '- name: teacher'");
        continue;
      }
      if (key == null
          || !key.trim()
              .matches("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( .*)?")) {
        problems.error(
            key == null ? a.location() : a.at("key"),
            "admin " + name + " needs an OpenSSH public key",
            "paste one line of ~/.ssh/id_ed25519.pub, like: key: ssh-ed25519 AAAAC3... you@host");
        continue;
      }
      out.add(new Admin(name, key.trim()));
    }
    return out;
  }

  private DnsSettings readDns(Fields top) {
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

  private InetAddress address(Fields f, String key, String otherwise) {
    String text = f.string(key, otherwise);
    if (text.equals("*")) {
      text = "0.0.0.0";
    }
    Optional<InetAddress> a = IpLiterals.parse(text);
    if (a.isEmpty()) {
      problems.error(
          f.at(key),
          f.where() + "." + key + " '" + text + "' is not an IP address",
          "write 127.0.0.1 for this machine only, or 0.0.0.0 for every network");
      return IpLiterals.parse(otherwise).orElseThrow();
    }
    return a.get();
  }
}
