package mxlab.bridge.sendmail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mxlab.core.address.DomainNames;
import mxlab.core.spec.Ports;
import mxlab.core.spec.write.Section;
import mxlab.core.spec.write.SpecWriter;
import mxlab.core.spec.write.YamlCollection;
import mxlab.core.spec.write.YamlList;
import mxlab.core.spec.write.YamlMap;
import mxlab.core.spec.write.YamlNode;
import mxlab.core.spec.write.YamlScalar;

/**
 * A spec from sendmail's files: local-host-names, relay-domains, access, virtusertable, aliases
 * (and sendmail.mc, a passwd file, users' .forward files and BIND zone files where present).
 *
 * <p>Sendmail has one namespace of local names for all its domains; virtusertable says which
 * address each name has. Names it does not route belong to the first domain, as they do on a
 * sendmail host with no virtusertable (the tutorial's). Whatever has no place in a spec is
 * reported, never dropped silently.
 */
public final class SendmailImport {
  /** Names whose mail is the system's, and aliases that only lead to them (bin: root). */
  private static final Set<String> SYSTEM_NAMES = Set.of("root", "postmaster", "mailer-daemon");

  private static final Pattern ACCESS_ACTION =
      Pattern.compile("(?i)OK|RELAY|REJECT|DISCARD|ERROR:.*");

  private static final Pattern LOCAL_NAME = Pattern.compile("\\\\?[\\w.+-]+");

  /** FEATURE(conncontrol)'s default limit of connections per client. */
  private static final String CLIENT_CONN = "ClientConn:";

  private static final Pattern ACCESS_TAG = Pattern.compile("(?i)(Connect|From|To):.*|[^:]*");

  private final Path dir;
  private final Path zones;
  private final List<String> report = new ArrayList<>();
  private final Map<String, ImportedDomain> domains = new LinkedHashMap<>();

  /** Local name to the address it has: from virtusertable, else name@first-domain. */
  private final Map<String, String> addressOf = new LinkedHashMap<>();

  private final Map<String, String> virtuser;
  private final Map<String, String> access;

  /** Local name to its crypt hash. */
  private final Map<String, String> passwords;

  private final Map<String, List<String>> aliasFile;
  private final YamlMap virtual = new YamlMap(Section.DATA);

  /** The spec, and what could not be mapped. */
  public record Result(String yaml, List<String> report) {}

  private SendmailImport(Path dir, Path zones) throws IOException {
    this.dir = dir;
    this.zones = zones;
    this.virtuser = lowerKeys(SendmailFiles.map(dir.resolve("virtusertable")));
    this.aliasFile = SendmailFiles.aliases(dir.resolve("aliases"));
    this.access = SendmailFiles.map(dir.resolve("access"));
    this.passwords = passwords(dir.resolve("passwd"));
  }

  /**
   * The spec of the sendmail files in {@code dir}, as YAML, and what had no place in it.
   *
   * @param zones the directory of BIND zone files (db.DOMAIN), or null
   */
  public static Result read(Path dir, Path zones) throws IOException {
    return new SendmailImport(dir, zones).read();
  }

  private Result read() throws IOException {
    SendmailConfig mc = SendmailConfig.read(dir);
    List<String> localHosts =
        SendmailFiles.lines(dir.resolve("local-host-names")).stream()
            .map(DomainNames::normalize)
            .toList();
    String hostname = hostname(mc, localHosts);
    for (String h : localHosts) {
      if (!h.contains(".")) {
        report.add("local-host-names: " + h + " is no domain a spec can host");
      } else if (!h.equals(hostname)
          && routesLocally(h)
          && (zones == null || Files.exists(zones.resolve("db." + h)))) {
        domains.put(h, new ImportedDomain(h));
      }
    }
    if (domains.isEmpty()) {
      report.add("local-host-names lists no domain with users; the spec has none");
    }
    assignAddresses();
    users();
    virtusertable();
    aliases();
    if (zones != null) {
      ZoneImport.read(zones, domains, report);
    }
    for (ImportedDomain d : domains.values()) {
      if (d.hosts.isEmpty()) {
        d.addHost("mail", "192.0.2.25");
        report.add(
            d.name + ": no zone file; mail." + d.name + " gets 192.0.2.25 (pass --zones DIR)");
      }
    }
    return new Result(yaml(server(mc, hostname)), report);
  }

  /**
   * A domain is one of ours when virtusertable routes one of its names to a local name, or when
   * there is no virtusertable (the tutorial's setup, where every local name is in every domain);
   * given zone files, it must have one too. The rest of local-host-names are domains of the spec's
   * virtual, whose names lead elsewhere.
   */
  private boolean routesLocally(String domain) {
    return virtuser.isEmpty()
        || virtuser.entrySet().stream()
            .anyMatch(
                e ->
                    !e.getKey().startsWith("@")
                        && domainOf(e.getKey()).equals(domain)
                        && isLocal(e.getValue()));
  }

  /** A local name (a user or an alias), not an address, program, file or error. */
  private static boolean isLocal(String target) {
    return LOCAL_NAME.matcher(target).matches();
  }

  private void assignAddresses() {
    virtuser.forEach(
        (key, target) -> {
          if (!key.startsWith("@")
              && domains.containsKey(domainOf(key))
              && isLocal(target)
              && !isSystem(target)) {
            addressOf.putIfAbsent(target.toLowerCase(Locale.ROOT), key);
          }
        });
    String first = domains.isEmpty() ? null : domains.keySet().iterator().next();
    for (String name : localNames()) {
      if (first != null && !isSystem(name)) {
        addressOf.putIfAbsent(name, name + "@" + first);
      }
    }
  }

  /** Every local name: users (targets that are no alias, passwd entries) and aliases. */
  private Set<String> localNames() {
    Set<String> names = new LinkedHashSet<>();
    addressOf.keySet().forEach(names::add);
    aliasFile.forEach(
        (name, targets) -> {
          names.add(name);
          targets.stream()
              .filter(SendmailImport::isLocal)
              .map(t -> t.startsWith("\\") ? t.substring(1) : t)
              .forEach(t -> names.add(t.toLowerCase(Locale.ROOT)));
        });
    passwords.keySet().forEach(names::add);
    return names;
  }

  private boolean isUser(String name) {
    return !aliasFile.containsKey(name) && !isSystem(name);
  }

  /** root, postmaster, and aliases like "bin: root" that only lead there. */
  private boolean isSystem(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (SYSTEM_NAMES.contains(n)) {
      return true;
    }
    List<String> targets = aliasFile.get(n);
    return targets != null
        && targets.stream().allMatch(t -> SYSTEM_NAMES.contains(t.toLowerCase(Locale.ROOT)));
  }

  private void users() throws IOException {
    for (Map.Entry<String, String> e : addressOf.entrySet()) {
      String local = e.getKey();
      ImportedDomain d = domains.get(domainOf(e.getValue()));
      if (d == null || !isUser(local)) {
        continue;
      }
      YamlMap user = new YamlMap(Section.USER).style(YamlNode.Style.AUTO);
      String address = e.getValue();
      user.put("name", address.substring(0, address.lastIndexOf('@')));
      password(address, passwords.get(local), user);
      forward(local, user);
      d.users.add(user);
    }
  }

  private void password(String address, String hash, YamlMap user) {
    if (hash == null) {
      report.add(
          address
              + ": no password here (sendmail checks the system account); set one with mxlab passwd");
    } else if (hash.startsWith("$6$")) {
      user.put("password", "{SHA512-CRYPT}" + hash);
    } else if (hash.startsWith("$5$")) {
      user.put("password", "{SHA256-CRYPT}" + hash);
    } else {
      report.add(address + ": its password hash is not SHA-512 or SHA-256 crypt; set a new one");
    }
  }

  /** user:hash lines, as /etc/shadow holds them (the export writes them for chpasswd -e). */
  private static Map<String, String> passwords(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : SendmailFiles.lines(file)) {
      String[] fields = line.split(":");
      if (fields.length > 1) {
        out.put(fields[0].toLowerCase(Locale.ROOT), fields[1]);
      }
    }
    return out;
  }

  /** A user's ~/.forward: its addresses, and "\name" for a copy kept here. */
  private void forward(String local, YamlMap user) throws IOException {
    List<String> lines =
        SendmailFiles.lines(dir.resolve("home").resolve(local).resolve(".forward"));
    List<String> targets = new ArrayList<>();
    for (String line : lines) {
      for (String t : line.split(",")) {
        String target = t.strip();
        if (target.equals("\\" + local)) {
          user.put("keep_copy", true);
        } else if (target.startsWith("|") || target.startsWith("/")) {
          report.add(local + "'s .forward delivers to a program or file: " + target);
        } else if (!target.isEmpty()) {
          targets.add(address(target));
        }
      }
    }
    if (!targets.isEmpty()) {
      user.put("forward", YamlList.of(targets));
    }
  }

  private void virtusertable() {
    for (Map.Entry<String, String> e : virtuser.entrySet()) {
      String key = e.getKey();
      String target = e.getValue();
      ImportedDomain d = domains.get(domainOf(key));
      if (d == null) {
        virtual.put(key, virtualTarget(target));
      } else if (key.startsWith("@")) {
        if (!target.startsWith("error:")) {
          d.catchAll = address(target); // error:nouser is the spec's default
        }
      } else if (!isLocal(target)) {
        virtual.put(key, virtualTarget(target));
      } else if (aliasFile.containsKey(target.toLowerCase(Locale.ROOT)) && !isSystem(target)) {
        alias(d, localOf(key), addresses(aliasFile.get(target.toLowerCase(Locale.ROOT))));
      } else if (!key.equals(addressOf.get(target.toLowerCase(Locale.ROOT)))
          && !target.equalsIgnoreCase("postmaster")) {
        d.aliases.put(localOf(key), List.of(address(target))); // a second name of a user
      }
    }
  }

  /**
   * error:nouser text stays as it is (the spec's notation); a local alias stands for its targets
   * (virtusertable takes one target, so several are listed in an alias).
   */
  private YamlNode virtualTarget(String target) {
    if (target.startsWith("error:")) {
      return YamlScalar.of(target);
    }
    List<String> alias = isLocal(target) ? aliasFile.get(target.toLowerCase(Locale.ROOT)) : null;
    List<String> targets = addresses(alias != null ? alias : List.of(target));
    return targets.size() == 1 ? YamlScalar.of(targets.get(0)) : YamlList.of(targets);
  }

  /** Aliases no virtusertable entry routes are the first domain's, as on the tutorial's host. */
  private void aliases() {
    List<String> system = new ArrayList<>();
    for (Map.Entry<String, List<String>> a : aliasFile.entrySet()) {
      String name = a.getKey();
      boolean routed = virtuser.values().stream().anyMatch(v -> v.equalsIgnoreCase(name));
      if (isSystem(name)) {
        if (!name.equals("postmaster") && !name.equals("mailer-daemon")) {
          system.add(name);
        }
      } else if (!routed && !domains.isEmpty()) {
        alias(domains.values().iterator().next(), name, addresses(a.getValue()));
      }
    }
    if (!system.isEmpty()) {
      report.add(
          "aliases of the system, "
              + String.join(", ", system)
              + ", are not imported: mxlab has no system accounts");
    }
  }

  /** An alias with no targets left had only programs and files, which are reported. */
  private static void alias(ImportedDomain d, String name, List<String> targets) {
    if (!targets.isEmpty()) {
      d.aliases.put(name, targets);
    }
  }

  private List<String> addresses(List<String> targets) {
    List<String> out = new ArrayList<>();
    for (String t : targets) {
      String target = t.strip().replaceAll("^\"(.*)\"$", "$1");
      if (target.startsWith("|") || target.startsWith("/") || target.startsWith(":include:")) {
        report.add("an alias delivers to a program or file: " + target);
      } else if (!target.contains("@") && isSystem(target)) {
        out.addAll(addresses(expand(target.toLowerCase(Locale.ROOT), new LinkedHashSet<>())));
      } else {
        out.add(address(target));
      }
    }
    return out;
  }

  /** The names an alias finally reaches, following the aliases file as sendmail does. */
  private List<String> expand(String name, Set<String> seen) {
    List<String> targets = aliasFile.get(name);
    if (targets == null || !seen.add(name)) {
      return targets == null ? List.of(name) : List.of();
    }
    List<String> out = new ArrayList<>();
    for (String t : targets) {
      String target = t.strip().toLowerCase(Locale.ROOT);
      out.addAll(target.contains("@") ? List.of(t.strip()) : expand(target, seen));
    }
    return out;
  }

  /** A target as an address: a local name becomes the address it has here. */
  private String address(String target) {
    String t = target.startsWith("\\") ? target.substring(1) : target;
    return t.contains("@") ? t : addressOf.getOrDefault(t.toLowerCase(Locale.ROOT), t);
  }

  private String hostname(SendmailConfig mc, List<String> localHosts) {
    String name = mc.defines().get("confDOMAIN_NAME");
    if (name != null) {
      return DomainNames.normalize(name);
    }
    for (String h : localHosts) {
      if (localHosts.stream().anyMatch(o -> !o.equals(h) && DomainNames.isWithin(h, o))) {
        return h;
      }
    }
    String guess = localHosts.isEmpty() ? "mail.example.org" : "mail." + localHosts.get(0);
    report.add("no confDOMAIN_NAME in sendmail.mc: the host name is taken to be " + guess);
    return guess;
  }

  private YamlMap server(SendmailConfig mc, String hostname) {
    YamlMap s = new YamlMap(Section.SERVER).put("hostname", hostname);
    mc.listen().ifPresent(a -> s.put("listen", a));
    YamlMap ports = new YamlMap(Section.PORTS).style(YamlNode.Style.AUTO);
    mc.ports()
        .forEach(
            (service, port) ->
                ports.put(service, port == Ports.OFF ? YamlScalar.of("off") : YamlScalar.of(port)));
    putIf(s, "ports", ports);
    Map<String, String> defines = mc.defines();
    putIf(s, "max_message_size", defines.get("confMAX_MESSAGE_SIZE"));
    YamlMap queue = new YamlMap(Section.QUEUE).style(YamlNode.Style.AUTO);
    putIf(queue, "warn_after", defines.get("confTO_QUEUEWARN"));
    putIf(queue, "return_after", defines.get("confTO_QUEUERETURN"));
    putIf(queue, "min_backoff", defines.get("confMIN_QUEUE_AGE"));
    putIf(s, "queue", queue);
    putIf(s, "mailer_daemon", defines.get("confMAILER_NAME"));
    List<String> postmaster = addresses(List.of("postmaster"));
    if (postmaster.size() == 1 && postmaster.get(0).contains("@")) {
      s.put("postmaster", postmaster.get(0));
    } else if (aliasFile.containsKey("postmaster")) {
      report.add("postmaster goes to " + postmaster + "; a spec names one address");
    }
    String authOptions = defines.get("confAUTH_OPTIONS");
    if (authOptions != null) {
      s.put("allow_plaintext_auth", !authOptions.contains("p"));
    }
    String cert = defines.get("confSERVER_CERT");
    String key = defines.get("confSERVER_KEY");
    if (cert != null && key != null) {
      s.put(
          "tls",
          new YamlMap(Section.TLS).style(YamlNode.Style.AUTO).put("cert", cert).put("key", key));
    }
    String smartHost = defines.get("SMART_HOST");
    if (smartHost != null && !smartHost.isBlank()) {
      // "relay:[host]" names the mailer too; a port is the relay mailer's argument
      String host = smartHost.strip().replaceFirst("^[a-z]+:", "");
      int port = mailerPort(defines.get("RELAY_MAILER_ARGS"));
      s.put("relayhost", port > 0 ? host + ":" + port : host);
    }
    int remotePort = mailerPort(defines.get("ESMTP_MAILER_ARGS"));
    if (remotePort > 0) {
      s.put("remote_port", remotePort);
    }
    YamlMap limits = new YamlMap(Section.LIMITS);
    putIf(limits, "max_recipients", defines.get("confMAX_RCPTS_PER_MESSAGE"));
    putIf(limits, "connections", defines.get("confMAX_DAEMON_CHILDREN"));
    putIf(limits, "connections_per_ip", access.get(CLIENT_CONN));
    putIf(limits, "command_timeout", defines.get("confTO_COMMAND"));
    putIf(limits, "data_timeout", defines.get("confTO_DATABLOCK"));
    putIf(s, "limits", limits);
    report.addAll(mc.unmapped());
    return s;
  }

  /** The port of mailer arguments "TCP $h 2525", or -1. */
  private static int mailerPort(String args) {
    return args != null && args.matches("TCP \\$h \\d+")
        ? Integer.parseInt(args.substring(args.lastIndexOf(' ') + 1))
        : -1;
  }

  private String yaml(YamlMap server) throws IOException {
    YamlMap spec = new YamlMap(Section.SPEC).put("version", 1).put("server", server);
    YamlList domainList = new YamlList().style(YamlNode.Style.BLOCK);
    domains.values().forEach(d -> domainList.add(d.toSpec()));
    spec.put("domains", domainList);
    putIf(spec, "virtual", virtual);
    YamlMap accessMap = new YamlMap(Section.DATA);
    this.access.forEach(
        (key, action) -> {
          if (ACCESS_TAG.matcher(key).matches() && ACCESS_ACTION.matcher(action).matches()) {
            accessMap.put(key, action);
          } else if (!key.equalsIgnoreCase(CLIENT_CONN)) {
            report.add("access " + key + " " + action + ": mxlab's access map has no such entry");
          }
        });
    putIf(spec, "access", accessMap);
    putIf(spec, "relay_domains", YamlList.of(SendmailFiles.lines(dir.resolve("relay-domains"))));
    return SpecWriter.write(List.of("imported by mxlab from the sendmail files in " + dir), spec);
  }

  private static void putIf(YamlMap m, String key, YamlCollection<?> value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }

  /** A setting of sendmail.mc where it is set: a number as a number, else its text. */
  private static void putIf(YamlMap m, String key, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    if (value.matches("\\d+")) {
      m.put(key, Long.parseLong(value));
    } else {
      m.put(key, value);
    }
  }

  private static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private static String localOf(String address) {
    return address.substring(0, address.lastIndexOf('@'));
  }

  private static Map<String, String> lowerKeys(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }
}
