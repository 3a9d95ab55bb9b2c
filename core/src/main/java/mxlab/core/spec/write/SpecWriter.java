package mxlab.core.spec.write;

import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.Admin;
import mxlab.core.spec.Dkim;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Durations;
import mxlab.core.spec.ExtraRecord;
import mxlab.core.spec.Limits;
import mxlab.core.spec.MailAuth;
import mxlab.core.spec.MtaSts;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Ports;
import mxlab.core.spec.QueueSettings;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecDefaults;
import mxlab.core.spec.User;
import mxlab.core.spec.VirtualEntry;

/**
 * Writes specs as YAML that {@code SpecLoader} reads back to the same spec: keys in the documented
 * order, values quoted where YAML needs it, defaults left out. A whole {@link Spec} becomes a tree
 * ({@link #tree}) that callers may comment before writing; a spec put together from other sources
 * (init, an import) is built as a tree of {@link YamlMap}s by section and written the same way.
 */
public final class SpecWriter {
  private SpecWriter() {}

  /** The YAML of {@code spec}; its paths are written relative to {@code baseDir} where inside. */
  public static String write(Spec spec, Path baseDir) {
    return write(List.of(), tree(spec, baseDir));
  }

  /** The YAML of a tree of the spec's sections, below comment lines ({@code header}). */
  public static String write(List<String> header, YamlMap spec) {
    return YamlEmitter.document(header, spec);
  }

  /** The spec as a tree of sections, every value that is not its default. */
  public static YamlMap tree(Spec spec, Path baseDir) {
    YamlMap top = new YamlMap(Section.SPEC).put("version", spec.version());
    top.put("server", server(spec.server(), spec.domains(), baseDir));
    YamlList domains = new YamlList().style(YamlNode.Style.BLOCK);
    spec.domains().forEach(d -> domains.add(domain(d)));
    top.put("domains", domains);
    putIfAny(top, "virtual", virtual(spec.virtual()));
    putIfAny(top, "access", access(spec.access()));
    putIfAny(top, "relay_domains", YamlList.of(spec.relayDomains()));
    YamlList admins = new YamlList().style(YamlNode.Style.BLOCK);
    for (Admin a : spec.admins()) {
      admins.add(flowMap(Section.ADMIN).put("name", a.name()).put("key", a.publicKey()));
    }
    putIfAny(top, "admins", admins);
    YamlList axfr = YamlList.of(spec.dns().axfrAllow().stream().map(IpText::range).toList());
    if (!axfr.isEmpty()) {
      top.put("dns", new YamlMap(Section.DNS).put("axfr", axfr));
    }
    return top;
  }

  private static YamlMap server(Server server, List<Domain> domains, Path baseDir) {
    YamlMap s = new YamlMap(Section.SERVER).put("hostname", server.hostname());
    if (!IpText.ip(server.listen()).equals(SpecDefaults.LISTEN)) {
      s.put("listen", IpText.ip(server.listen()));
    }
    YamlMap ports = flowMap(Section.PORTS);
    for (Service service : Service.values()) {
      int port = server.ports().port(service);
      if (port != service.defaultPort()) {
        // plain off: YAML reads it as false, which the reader takes for off too
        ports.put(
            service.specName(), port == Ports.OFF ? new YamlScalar("off") : YamlScalar.of(port));
      }
    }
    putIfAny(s, "ports", ports);
    s.put("data_dir", path(server.dataDir(), baseDir));
    if (server.maxMessageSize() != SpecDefaults.MAX_MESSAGE_SIZE) {
      s.put("max_message_size", server.maxMessageSize());
    }
    putIfAny(s, "queue", changed(server.queue(), QueueSettings.defaults(), flowMap(Section.QUEUE)));
    if (!server.mailerDaemon().equals(SpecDefaults.MAILER_DAEMON)) {
      s.put("mailer_daemon", server.mailerDaemon());
    }
    if (!server.postmaster().equals(SpecDefaults.postmaster(domains, server.hostname()))) {
      s.put("postmaster", server.postmaster());
    }
    putIfAny(
        s, "resolver", YamlList.of(server.resolvers().stream().map(IpText::hostPort).toList()));
    if (server.relayhost() != null) {
      s.put("relayhost", server.relayhost().toString());
    }
    if (server.remotePort() != SpecDefaults.REMOTE_PORT) {
      s.put("remote_port", server.remotePort());
    }
    if (!server.tls().isSelfSigned()) {
      s.put(
          "tls",
          flowMap(Section.TLS)
              .put("cert", path(server.tls().cert(), baseDir))
              .put("key", path(server.tls().key(), baseDir)));
    }
    if (server.allowPlaintextAuth()) {
      s.put("allow_plaintext_auth", true);
    }
    putIfAny(s, "limits", changed(server.limits(), Limits.defaults(), new YamlMap(Section.LIMITS)));
    YamlMap mailAuth = flowMap(Section.MAIL_AUTH);
    if (server.mailAuth().verify() != MailAuth.defaults().verify()) {
      mailAuth.put("verify", server.mailAuth().verify());
    }
    if (server.mailAuth().enforceDmarc() != MailAuth.defaults().enforceDmarc()) {
      mailAuth.put("dmarc", server.mailAuth().enforceDmarc() ? "enforce" : "report");
    }
    MailAuth.DmarcReports reports = server.mailAuth().reports();
    if (!reports.enabled()) {
      mailAuth.put("dmarc_reports", "off");
    } else if (!reports.equals(MailAuth.DmarcReports.defaults())) {
      YamlMap r = flowMap(Section.DMARC_REPORTS);
      if (!reports.interval().equals(MailAuth.DmarcReports.DEFAULT_INTERVAL)) {
        r.put("interval", Durations.format(reports.interval()));
      }
      if (reports.from() != null) {
        r.put("from", reports.from());
      }
      mailAuth.put("dmarc_reports", r);
    }
    putIfAny(s, "mail_auth", mailAuth);
    return s;
  }

  /**
   * The components of a settings record (queue, limits) that differ from its defaults. Each is
   * named as its key ({@code warnAfter} is {@code warn_after}); the section refuses any other.
   */
  private static YamlMap changed(Record settings, Record defaults, YamlMap into) {
    for (RecordComponent c : settings.getClass().getRecordComponents()) {
      Object value = component(c, settings);
      if (!value.equals(component(c, defaults))) {
        String key = c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        into.put(
            key,
            value instanceof Duration d
                ? YamlScalar.of(Durations.format(d))
                : YamlScalar.of(((Number) value).longValue()));
      }
    }
    return into;
  }

  private static Object component(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
    }
  }

  private static YamlMap domain(Domain domain) {
    String name = domain.name();
    YamlMap d = new YamlMap(Section.DOMAIN).put("name", name);
    if (domain.ttl() != SpecDefaults.TTL) {
      d.put("ttl", domain.ttl());
    }
    YamlMap hosts = flowMap(Section.DATA);
    domain.hosts().forEach((host, addresses) -> hosts.put(host, addresses(addresses)));
    putIfAny(d, "hosts", hosts);
    String defaultNs = SpecDefaults.nameServer(name, domain.hosts(), domain.mx()).orElse(null);
    if (!domain.ns().equals(defaultNs == null ? List.of() : List.of(defaultNs))) {
      d.put("ns", YamlList.of(domain.ns().stream().map(h -> hostName(h, domain)).toList()));
    }
    if (!domain.mx().equals(SpecDefaults.mx(name, domain.hosts()).stream().toList())) {
      YamlList mx = new YamlList().style(YamlNode.Style.BLOCK);
      for (Mx m : domain.mx()) {
        mx.add(
            flowMap(Section.MX)
                .put("priority", m.priority())
                .put("host", hostName(m.host(), domain)));
      }
      d.put("mx", mx);
    }
    if (!domain.spf().equals(SpecDefaults.SPF)) {
      d.put("spf", domain.spf());
    }
    if (!domain.dmarc().equals(SpecDefaults.DMARC)) {
      d.put("dmarc", domain.dmarc());
    }
    if (!domain.dkim().equals(Dkim.defaults())) {
      d.put("dkim", dkim(domain.dkim()));
    }
    if (domain.reverse()) {
      d.put("reverse", true);
    }
    YamlList records = new YamlList().style(YamlNode.Style.BLOCK);
    domain.records().forEach(r -> records.add(record(r, domain.ttl())));
    putIfAny(d, "records", records);
    YamlList users = new YamlList().style(YamlNode.Style.BLOCK);
    domain.users().forEach(u -> users.add(user(u)));
    putIfAny(d, "users", users);
    YamlMap aliases = new YamlMap(Section.DATA);
    domain
        .aliases()
        .forEach(
            (alias, targets) ->
                aliases.put(alias, targets(targets.stream().map(t -> local(t, name)).toList())));
    putIfAny(d, "aliases", aliases);
    if (domain.catchAll() != null) {
      d.put("catch_all", local(domain.catchAll(), name));
    }
    if (domain.mtaSts() != null) {
      mtaSts(domain.mtaSts(), d);
    }
    return d;
  }

  private static YamlNode dkim(Dkim dkim) {
    if (!dkim.signs()) {
      return YamlScalar.of(false);
    }
    YamlMap m = flowMap(Section.DKIM);
    if (!dkim.selector().equals(Dkim.DEFAULT_SELECTOR)) {
      m.put("selector", dkim.selector());
    }
    if (dkim.algorithm() != Dkim.Algorithm.RSA_2048) {
      m.put("algorithm", dkim.algorithm().specName());
    }
    if (!dkim.retired().isEmpty()) {
      m.put("retired", YamlList.of(dkim.retired()));
    }
    return m;
  }

  /** The policy mode and its max_age where not the default; TLS-RPT stands without a policy. */
  private static void mtaSts(MtaSts sts, YamlMap d) {
    if (sts.hasPolicy()) {
      d.put("mta_sts", sts.mode());
      if (!sts.maxAge().equals(SpecDefaults.MTA_STS_MAX_AGE)) {
        d.put("mta_sts_max_age", Durations.format(sts.maxAge()));
      }
    }
    if (!sts.tlsRpt().isEmpty()) {
      d.put("tls_rpt", sts.tlsRpt());
    }
  }

  private static YamlMap record(ExtraRecord r, long domainTtl) {
    YamlMap m = flowMap(Section.RECORD);
    if (!r.name().equals("@")) {
      m.put("name", r.name());
    }
    m.put("type", r.type()).put("value", r.value());
    if (r.ttl() != Math.min(domainTtl, Integer.MAX_VALUE)) {
      m.put("ttl", r.ttl());
    }
    return m;
  }

  private static YamlMap user(User u) {
    YamlMap m = flowMap(Section.USER).put("name", u.name());
    if (u.password() != null) {
      m.put("password", u.password().toString());
    }
    putIfAny(m, "forward", YamlList.of(u.forward()));
    if (u.keepCopy()) {
      m.put("keep_copy", true);
    }
    return m;
  }

  private static YamlMap virtual(List<VirtualEntry> entries) {
    YamlMap m = new YamlMap(Section.DATA);
    for (VirtualEntry v : entries) {
      m.put(
          v.key(),
          v.error() != null
              ? YamlScalar.of("error:" + v.error().sendmailForm())
              : targets(v.targets()));
    }
    return m;
  }

  private static YamlMap access(List<AccessEntry> entries) {
    YamlMap m = new YamlMap(Section.DATA);
    entries.forEach(a -> m.put(a.taggedKey(), a.actionText()));
    return m;
  }

  /** One target as a value, several as a list. */
  private static YamlNode targets(List<String> targets) {
    return targets.size() == 1 ? YamlScalar.of(targets.get(0)) : YamlList.of(targets);
  }

  private static YamlNode addresses(List<InetAddress> addresses) {
    return targets(addresses.stream().map(IpText::ip).toList());
  }

  /** An address of {@code domain} by its local part, as the reader qualifies it back. */
  private static String local(String address, String domain) {
    String suffix = "@" + domain;
    return address.endsWith(suffix)
        ? address.substring(0, address.length() - suffix.length())
        : address;
  }

  /** A host of the domain by its relative name, any other fully qualified with a final dot. */
  private static String hostName(String host, Domain domain) {
    String suffix = "." + domain.name();
    if (host.endsWith(suffix)) {
      String relative = host.substring(0, host.length() - suffix.length());
      if (domain.hosts().containsKey(relative)) {
        return relative;
      }
    }
    return host + ".";
  }

  private static String path(Path p, Path baseDir) {
    if (baseDir != null && p.startsWith(baseDir)) {
      String relative = baseDir.relativize(p).toString();
      return relative.isEmpty() ? "." : relative;
    }
    return p.toString();
  }

  /** A mapping that goes on one line where it is short. */
  private static YamlMap flowMap(Section section) {
    return new YamlMap(section).style(YamlNode.Style.AUTO);
  }

  private static void putIfAny(YamlMap m, String key, YamlCollection<?> value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }
}
