package mxlab.bridge.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mxlab.core.auth.PasswordHash;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Durations;
import mxlab.core.spec.Ports;
import mxlab.core.spec.QueueSettings;
import mxlab.core.spec.Relayhost;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;
import mxlab.core.spec.VirtualEntry;

/**
 * The tutorial's files for a spec: sendmail.mc, access, local-host-names, relay-domains,
 * virtusertable, aliases, each user's .forward, a passwd file for the system accounts, and build.sh
 * with the makemap / newaliases / m4 steps.
 */
final class SendmailExport {
  private final Spec spec;
  private final Path dir;
  private final LocalNames names;
  private final Export out;
  private final String header;

  /** The local mailer's script, in the install directory. */
  static final String DELIVER = "maildir-deliver";

  /** The owner of the Maildirs, as in the Postfix and Dovecot exports. */
  static final int MAIL_UID = 5000;

  /** Virtual entries with several targets, by key: the local alias that lists them. */
  private final Map<String, String> virtualAliases = new LinkedHashMap<>();

  private SendmailExport(Spec spec, Path installDir, Export out, String header) {
    this.spec = spec;
    this.header = header;
    this.dir = installDir;
    this.names = new LocalNames(spec);
    this.out = out;
    for (VirtualEntry v : spec.virtual()) {
      if (v.targets().size() > 1) {
        virtualAliases.put(v.key(), names.forVirtual(v.key()));
        if (v.targets().stream().anyMatch(t -> t.contains("%1"))) {
          out.note("virtual " + v.key() + ": %1 works only as the one target of a catch-all");
        }
      }
    }
  }

  /**
   * @param installDir where the files will live: /etc/mail on a real server
   */
  static Export export(Spec spec, Path installDir, String header) {
    Export out = new Export(header);
    new SendmailExport(spec, installDir, out, header).write();
    return out;
  }

  private void write() {
    Server s = spec.server();
    out.file("sendmail.mc", "dnl #", mc(s));
    out.file("local-host-names", "#", String.join("\n", localHostNames()) + "\n");
    out.file(
        "relay-domains",
        "#",
        spec.relayDomains().isEmpty() ? "" : String.join("\n", spec.relayDomains()) + "\n");
    out.file("access", "#", access());
    out.file("virtusertable", "#", virtusertable());
    out.file("aliases", "#", aliases());
    out.file("passwd", "#", passwd());
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        if (!u.forward().isEmpty()) {
          List<String> lines = new ArrayList<>();
          String local = names.of(u.name(), d.name());
          if (u.keepCopy()) {
            lines.add("\\" + local); // sendmail: deliver here too, without forwarding again
          }
          u.forward().forEach(f -> lines.add(names.target(f)));
          out.file("home/" + local + "/.forward", "#", String.join("\n", lines) + "\n");
        }
      }
    }
    out.rawFile(DELIVER, "#!/bin/sh\n# " + header + "\n" + deliver());
    out.file("build.sh", "#", build());
    notes(s);
  }

  private String mc(Server s) {
    StringBuilder b = new StringBuilder();
    b.append("divert(-1)dnl\n");
    b.append("# m4 sendmail.mc > sendmail.cf (build.sh does it, with the maps).\n");
    b.append(
        "# sendmail-cf's macros: Debian /usr/share/sendmail/cf, CentOS /usr/share/sendmail-cf.\n");
    b.append("divert(0)dnl\n");
    b.append("include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n");
    b.append("VERSIONID(`mxlab export of ")
        .append(Path.of(spec.file()).getFileName())
        .append("')dnl\n");
    b.append("OSTYPE(`linux')dnl\n");
    localMailer(b);
    define(b, "confDOMAIN_NAME", s.hostname());
    define(b, "confMAILER_NAME", s.mailerDaemon().replaceAll("@.*", ""));
    define(b, "confMAX_MESSAGE_SIZE", String.valueOf(s.maxMessageSize()));
    define(b, "confMAX_RCPTS_PER_MESSAGE", String.valueOf(s.limits().maxRecipients()));
    define(b, "confMAX_DAEMON_CHILDREN", String.valueOf(s.limits().connections()));
    define(b, "confTO_QUEUEWARN", Durations.format(s.queue().warnAfter()));
    define(b, "confTO_QUEUERETURN", Durations.format(s.queue().returnAfter()));
    define(b, "confMIN_QUEUE_AGE", Durations.format(s.queue().minBackoff()));
    define(b, "confTO_COMMAND", Durations.format(s.limits().commandTimeout()));
    define(b, "confTO_DATABLOCK", Durations.format(s.limits().dataTimeout()));
    define(b, "QUEUE_DIR", "/var/spool/mqueue");
    define(b, "ALIAS_FILE", dir.resolve("aliases").toString());
    define(b, "confCW_FILE", "-o " + dir.resolve("local-host-names"));
    define(b, "confCR_FILE", "-o " + dir.resolve("relay-domains"));
    define(b, "confDOUBLE_BOUNCE_ADDRESS", "postmaster");
    define(b, "confPRIVACY_FLAGS", "authwarnings,novrfy,noexpn,restrictqrun");
    define(b, "confAUTH_MECHANISMS", "CRAM-MD5 LOGIN PLAIN");
    b.append("TRUST_AUTH_MECH(`CRAM-MD5 LOGIN PLAIN')dnl\n");
    // A: AUTH= on MAIL only if authenticated; p: no plaintext mechanisms before STARTTLS
    define(b, "confAUTH_OPTIONS", s.allowPlaintextAuth() ? "A" : "A p");
    define(b, "confSERVER_CERT", s.tls().certFile(s.dataDir()).toString());
    define(b, "confSERVER_KEY", s.tls().keyFile(s.dataDir()).toString());
    if (s.relayhost() != null) {
      Relayhost r = s.relayhost();
      // SMART_HOST takes no port: the relay mailer it uses is given one
      define(b, "SMART_HOST", r.mxLookup() ? r.host() : "[" + r.host() + "]");
      if (r.port() != 25) {
        define(b, "RELAY_MAILER_ARGS", "TCP $h " + r.port());
      }
    }
    if (s.remotePort() != 25) {
      for (String mailer : List.of("SMTP", "ESMTP", "SMTP8", "DSMTP")) {
        define(b, mailer + "_MAILER_ARGS", "TCP $h " + s.remotePort());
      }
    }
    // only the daemons below: cf.m4 would add an MSA on every address otherwise
    b.append("FEATURE(`no_default_msa')dnl\n");
    daemon(b, s, Service.SMTP, "MTA");
    daemon(b, s, Service.SUBMISSION, "MSA, M=Ea");
    daemon(b, s, Service.SUBMISSIONS, "TLSMSA, M=Eas");
    b.append("FEATURE(`use_cw_file')dnl\n");
    b.append("FEATURE(`access_db', `hash -T<TMPF> -o ")
        .append(dir.resolve("access.db"))
        .append("'");
    if (relaysFullAddresses()) {
      // To:user@domain RELAY; without it sendmail looks up only the domain (cf/README)
      b.append(", `relaytofulladdress'");
    }
    b.append(")dnl\n");
    // ClientConn: in access, the default for every client; 421 and close beyond it
    b.append("FEATURE(`conncontrol', , `terminate')dnl\n");
    // without it sendmail reads access only for clients and senders, never To: (cf/README)
    b.append("FEATURE(`blocklist_recipients')dnl\n");
    b.append("FEATURE(`virtusertable', `hash -o ")
        .append(dir.resolve("virtusertable.db"))
        .append("')dnl\n");
    b.append("MAILER(`local')dnl\n");
    b.append("MAILER(`smtp')dnl\n");
    return b.toString();
  }

  /**
   * The local mailer: {@value #DELIVER} into the Maildirs mxlab keeps, as the one uid that owns
   * them. OSTYPE(linux) would run procmail, which Debian does not install with sendmail.
   */
  private void localMailer(StringBuilder b) {
    define(b, "LOCAL_MAILER_PATH", "/usr/bin/setpriv");
    define(
        b,
        "LOCAL_MAILER_ARGS",
        "setpriv --reuid="
            + MAIL_UID
            + " --regid="
            + MAIL_UID
            + " --clear-groups "
            + dir.resolve(DELIVER)
            + " $u");
    // S: started as root so that setpriv may change uid; P: Return-Path; n: no "From " line;
    // 9: 8-bit back from 7; not m: one recipient a call, as the script takes
    define(b, "LOCAL_MAILER_FLAGS", "SPn9");
  }

  /** A To: key with a local part that relays, for access_db's relaytofulladdress. */
  private boolean relaysFullAddresses() {
    return spec.access().stream()
        .anyMatch(
            e ->
                (e.tag() == AccessEntry.Tag.TO || e.tag() == AccessEntry.Tag.ANY)
                    && e.action() == AccessEntry.Action.RELAY
                    && e.key().indexOf('@') > 0);
  }

  /**
   * sendmail's local mailer: the message on stdin into the Maildir of one local name, written in
   * tmp/ and renamed into new/ as the Maildir convention says, with a name of the same shape as
   * mxlab's. Exit codes are sysexits.h's, which sendmail turns into a bounce or a retry.
   */
  private String deliver() {
    StringBuilder b = new StringBuilder();
    b.append("# sendmail.mc's LOCAL_MAILER_ARGS run it as uid ").append(MAIL_UID).append(".\n");
    b.append("case \"$1\" in\n");
    Path mail = spec.server().dataDir().resolve("mail");
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        b.append("  ")
            .append(names.of(u.name(), d.name()))
            .append(") dir='")
            .append(mail.resolve(d.name()).resolve(u.name()))
            .append("' ;;\n");
      }
    }
    b.append("  *) echo \"$1: no mailbox here\"; exit 67 ;; # EX_NOUSER\n");
    b.append("esac\n");
    b.append("name=$(date +%s.M%6N)P$$.$(uname -n)\n");
    b.append("umask 077\n");
    b.append(
        "mkdir -p \"$dir/tmp\" \"$dir/new\" \"$dir/cur\" && cat > \"$dir/tmp/$name\" && mv \"$dir/tmp/$name\" \"$dir/new/$name\" ||\n");
    b.append("  { rm -f \"$dir/tmp/$name\"; exit 75; } # EX_TEMPFAIL: sendmail tries again\n");
    return b.toString();
  }

  /** DAEMON_OPTIONS for a service the spec turns on, on the listen address. */
  private static void daemon(StringBuilder b, Server s, Service service, String nameAndModifiers) {
    if (s.ports().enabled(service)) {
      b.append("DAEMON_OPTIONS(`Port=")
          .append(port(s.ports(), service))
          .append(", Addr=")
          .append(s.listen().getHostAddress())
          .append(", Name=")
          .append(nameAndModifiers)
          .append("')dnl\n");
    }
  }

  private static String port(Ports ports, Service s) {
    int p = ports.port(s);
    return switch (s) {
      case SMTP -> p == 25 ? "smtp" : String.valueOf(p);
      case SUBMISSION -> p == 587 ? "submission" : String.valueOf(p);
      default -> p == 465 ? "smtps" : String.valueOf(p);
    };
  }

  /** Values are quoted twice so m4 never expands words in them (MAILER in MAILER-DAEMON). */
  private static void define(StringBuilder b, String name, String value) {
    b.append("define(`").append(name).append("', ``").append(value).append("'')dnl\n");
  }

  private Set<String> localHostNames() {
    Set<String> out = new LinkedHashSet<>();
    spec.domains().forEach(d -> out.add(d.name()));
    out.add(spec.server().hostname());
    for (VirtualEntry v : spec.virtual()) {
      out.add(v.isCatchAll() ? v.key().substring(1) : v.key().substring(v.key().indexOf('@') + 1));
    }
    return out;
  }

  private String access() {
    StringBuilder b = new StringBuilder();
    line(b, "ClientConn:", String.valueOf(spec.server().limits().connectionsPerIp()));
    for (AccessEntry e : spec.access()) {
      b.append(e.taggedKey()).append('\t').append(e.actionText()).append('\n');
    }
    return b.toString();
  }

  /**
   * Every address of every hosted domain, so that a name of one domain is not a name of all
   * (sendmail's local part is the same for every local host name); then the spec's own virtual.
   */
  private String virtusertable() {
    StringBuilder b = new StringBuilder();
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        line(b, u.name() + "@" + d.name(), names.of(u.name(), d.name()));
      }
      for (String a : d.aliases().keySet()) {
        line(b, a + "@" + d.name(), names.of(a, d.name()));
      }
      if (d.user("postmaster").isEmpty() && !d.aliases().containsKey("postmaster")) {
        line(b, "postmaster@" + d.name(), "postmaster");
      }
      line(
          b,
          "@" + d.name(),
          d.catchAll() != null ? names.target(d.catchAll()) : "error:nouser User unknown");
    }
    for (VirtualEntry v : spec.virtual()) {
      String target =
          v.error() != null
              ? "error:" + v.error().status() + ":" + v.error().code() + " " + v.error().text()
              : virtualAliases.getOrDefault(v.key(), names.target(v.targets().get(0)));
      line(b, v.key(), target);
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append('\t').append(value).append('\n');
  }

  private String aliases() {
    StringBuilder b = new StringBuilder();
    b.append("MAILER-DAEMON:\tpostmaster\n");
    b.append("postmaster:\t").append(names.target(spec.server().postmaster())).append('\n');
    for (Domain d : spec.domains()) {
      for (Map.Entry<String, List<String>> a : d.aliases().entrySet()) {
        b.append(names.of(a.getKey(), d.name())).append(":\t");
        b.append(String.join(", ", a.getValue().stream().map(names::target).toList())).append('\n');
      }
    }
    for (VirtualEntry v : spec.virtual()) {
      String alias = virtualAliases.get(v.key());
      if (alias != null) {
        b.append(alias).append(":\t");
        b.append(String.join(", ", v.targets().stream().map(names::target).toList())).append('\n');
      }
    }
    return b.toString();
  }

  /** user:hash lines for `chpasswd -e`: the system accounts sendmail and saslauthd use. */
  private String passwd() {
    StringBuilder b = new StringBuilder();
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        if (u.password() == null) {
          continue;
        }
        PasswordHash hash = u.password();
        if (hash.scheme() == PasswordHash.Scheme.PLAIN) {
          hash = PasswordHash.hash(hash.value());
          out.note(
              u.name()
                  + "@"
                  + d.name()
                  + ": its {PLAIN} password is written as a SHA512-CRYPT hash; CRAM-MD5 and APOP will not work for it");
        }
        b.append(names.of(u.name(), d.name())).append(':').append(hash.value()).append('\n');
      }
    }
    return b.toString();
  }

  private String build() {
    StringBuilder b = new StringBuilder();
    b.append("# Run as root in ").append(dir).append(" after copying these files there.\n");
    b.append("set -e\ncd \"$(dirname \"$0\")\"\n");
    b.append(
        "# system accounts for the users (sendmail delivers to them; saslauthd checks them)\n");
    b.append(
        "grep -v '^#' passwd | cut -d: -f1 | while read -r u; do id \"$u\" >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin \"$u\"; done\n");
    b.append("grep -v '^#' passwd | chpasswd -e\n");
    b.append(
        "for f in home/*/.forward; do [ -e \"$f\" ] || continue; u=${f#home/}; u=${u%/.forward}; h=$(getent passwd \"$u\" | cut -d: -f6); mkdir -p \"$h\"; install -o \"$u\" -m 644 \"$f\" \"$h/.forward\"; done\n");
    b.append("# the local mailer writes the Maildirs as uid ")
        .append(MAIL_UID)
        .append(", as Postfix and Dovecot do\n");
    b.append("chmod 755 ").append(DELIVER).append('\n');
    Path mail = spec.server().dataDir().resolve("mail");
    b.append("mkdir -p ")
        .append(mail)
        .append(" && chown -R ")
        .append(MAIL_UID)
        .append(':')
        .append(MAIL_UID)
        .append(' ')
        .append(mail)
        .append('\n');
    b.append("m4 sendmail.mc > sendmail.cf\n");
    b.append("makemap -C sendmail.cf hash access < access\n");
    b.append("makemap -C sendmail.cf hash virtusertable < virtusertable\n");
    b.append("sendmail -C sendmail.cf -bi   # newaliases\n");
    b.append("systemctl restart saslauthd sendmail 2>/dev/null || service sendmail restart\n");
    return b.toString();
  }

  private void notes(Server s) {
    out.note("DNS zones are not sendmail's job: export --to bind for them");
    out.note("POP3 is not sendmail's job: export --to dovecot for it");
    out.note(
        "auth_failures, auth_delay, max_errors and session_timeout have no sendmail equivalent");
    if (!s.resolvers().isEmpty()) {
      out.note("server.resolver: sendmail uses the system resolver (/etc/resolv.conf)");
    }
    if (!s.queue().maxBackoff().equals(QueueSettings.defaults().maxBackoff())) {
      out.note("max_backoff: sendmail has no maximum backoff, only confMIN_QUEUE_AGE");
    }
  }
}
