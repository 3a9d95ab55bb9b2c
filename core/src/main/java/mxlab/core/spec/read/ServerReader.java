package mxlab.core.spec.read;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mxlab.core.address.DomainNames;
import mxlab.core.address.IpLiterals;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Limits;
import mxlab.core.spec.MailAuth;
import mxlab.core.spec.Ports;
import mxlab.core.spec.Problems;
import mxlab.core.spec.QueueSettings;
import mxlab.core.spec.Relayhost;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.SpecDefaults;
import mxlab.core.spec.TlsSettings;

/** The {@code server} section; its defaults come from the domains, read before it. */
record ServerReader(
    Path baseDir, String stem, Problems problems, CrossReferences refs, Addresses addresses) {

  Server read(Fields top, List<Domain> domains) {
    Fields f = Fields.of(top.node("server"), top.location(), "server", problems);
    String hostname = f.string("hostname", null);
    if (hostname == null) {
      hostname = SpecDefaults.hostname(domains);
    } else if (!DomainNames.isHostName(hostname, true)) {
      problems.error(
          f.at("hostname"),
          "server.hostname '" + hostname + "' is not a fully qualified host name",
          "write the mail host's name, like mail.bann.com");
    }
    hostname = DomainNames.normalize(hostname);

    InetAddress listen = address(f, "listen", SpecDefaults.LISTEN);
    Ports ports = readPorts(f);
    String dir = f.string("data_dir", "var/" + stem);
    Path dataDir = baseDir.resolve(dir).normalize();
    long maxSize = f.size("max_message_size", SpecDefaults.MAX_MESSAGE_SIZE);
    if (maxSize < 1024) {
      problems.error(
          f.at("max_message_size"),
          "server.max_message_size is too small to hold a message",
          "write at least 1kB; sendmail's example is 1000000");
    }
    LimitsReader limitsReader = new LimitsReader(problems);
    QueueSettings queue = limitsReader.readQueue(f);
    String mailerDaemon = f.string("mailer_daemon", SpecDefaults.MAILER_DAEMON);
    String postmaster = f.string("postmaster", null);
    if (postmaster != null) {
      postmaster = addresses.address(postmaster, f.at("postmaster"), "server.postmaster");
      refs.checkLater("server.postmaster", postmaster, f.at("postmaster"));
    } else {
      postmaster = SpecDefaults.postmaster(domains, hostname);
    }
    List<InetSocketAddress> resolvers = readResolvers(f);
    TlsSettings tls = readTls(f);
    boolean plaintext = f.bool("allow_plaintext_auth", false);
    Limits limits = limitsReader.readLimits(f);
    Relayhost relayhost = readRelayhost(f);
    int remotePort = f.integer("remote_port", SpecDefaults.REMOTE_PORT, 1, 65535);
    MailAuth mailAuth = readMailAuth(f);
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
        remotePort,
        mailAuth);
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

  /** {@code mail_auth: { verify: true, dmarc: report | enforce, dmarc_reports: ... }}. */
  private MailAuth readMailAuth(Fields server) {
    Fields f = Fields.of(server.node("mail_auth"), server.location(), "server.mail_auth", problems);
    MailAuth defaults = MailAuth.defaults();
    boolean verify = f.bool("verify", defaults.verify());
    String dmarc = f.string("dmarc", defaults.enforceDmarc() ? "enforce" : "report");
    boolean enforce = dmarc.trim().equalsIgnoreCase("enforce");
    if (!enforce && !dmarc.trim().equalsIgnoreCase("report")) {
      problems.error(
          f.at("dmarc"),
          "server.mail_auth.dmarc '" + dmarc + "' is not report or enforce",
          "write 'dmarc: enforce' to refuse what a p=reject policy rejects and file in Junk what"
              + " p=quarantine quarantines, or 'dmarc: report'");
    }
    MailAuth.DmarcReports reports = readDmarcReports(f);
    f.finish();
    return new MailAuth(verify, enforce, reports);
  }

  /** {@code dmarc_reports: off}, or {@code { interval: 1d, from: dmarc-reports@bann.com }}. */
  private MailAuth.DmarcReports readDmarcReports(Fields mailAuth) {
    MailAuth.DmarcReports defaults = MailAuth.DmarcReports.defaults();
    Node node = mailAuth.node("dmarc_reports");
    if (node instanceof Node.Scalar s) {
      String text = s.text().trim().toLowerCase(java.util.Locale.ROOT);
      if (text.equals("off") || text.equals("false") || text.equals("no")) {
        return MailAuth.DmarcReports.off();
      }
      if (text.equals("on") || text.equals("true") || text.equals("yes")) {
        return defaults;
      }
      problems.error(
          s.location(),
          "server.mail_auth.dmarc_reports '" + s.text() + "' is not off or a mapping",
          "write 'dmarc_reports: off', or 'dmarc_reports: { interval: 1d }' (1m for a lab)");
      return defaults;
    }
    Fields f = Fields.of(node, mailAuth.location(), "server.mail_auth.dmarc_reports", problems);
    Duration interval = f.duration("interval", defaults.interval());
    if (interval.compareTo(MailAuth.DmarcReports.MIN_INTERVAL) < 0
        || interval.compareTo(MailAuth.DmarcReports.MAX_INTERVAL) > 0) {
      problems.error(
          f.at("interval"),
          "server.mail_auth.dmarc_reports.interval must be from 1s to 7d",
          "write 1d (RFC 7489's default report interval), or 1m to see reports soon in a lab");
      interval = defaults.interval();
    }
    String from = f.string("from", null);
    if (from != null) {
      from = addresses.address(from, f.at("from"), "server.mail_auth.dmarc_reports.from");
    }
    f.finish();
    return new MailAuth.DmarcReports(true, interval, from);
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

  private static Optional<InetSocketAddress> hostPort(String text, int defaultPort) {
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
