package mxlab.bridge.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Limits;
import mxlab.core.spec.Ports;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;
import mxlab.core.spec.VirtualEntry;

/**
 * Postfix for a spec: main.cf, master.cf with submission and smtps, virtual mailbox and alias maps
 * (Maildirs in the same %d/%n layout), and access tables wired into smtpd_*_restrictions.
 */
final class PostfixExport {
  private PostfixExport() {}

  static Export export(Spec spec, Path dir, String header) {
    Export out = new Export(header);
    Server s = spec.server();
    Limits l = s.limits();
    List<String> domains = spec.domains().stream().map(Domain::name).toList();
    StringBuilder main = new StringBuilder();
    main.append("compatibility_level = 3.6\n");
    set(main, "myhostname", s.hostname());
    set(main, "myorigin", "$myhostname");
    set(
        main,
        "inet_interfaces",
        s.listen().isAnyLocalAddress() ? "all" : s.listen().getHostAddress());
    set(main, "mydestination", "$myhostname, localhost");
    set(main, "mynetworks", "127.0.0.0/8");
    main.append("\n# an instance of its own, beside the system's Postfix (postfix -c ")
        .append(dir)
        .append(")\n");
    set(main, "queue_directory", dir.resolve("queue").toString());
    set(main, "data_directory", dir.resolve("data").toString());
    main.append("\n# the hosted domains: Maildirs under one base, %d/%n as mxlab keeps them\n");
    set(main, "virtual_mailbox_domains", String.join(", ", domains));
    set(main, "virtual_mailbox_base", s.dataDir().resolve("mail").toString());
    set(main, "virtual_mailbox_maps", "hash:" + dir.resolve("vmailbox"));
    set(main, "virtual_alias_maps", "hash:" + dir.resolve("virtual"));
    set(main, "virtual_uid_maps", "static:" + SendmailExport.MAIL_UID);
    set(main, "virtual_gid_maps", "static:" + SendmailExport.MAIL_UID);
    main.append("\n# limits\n");
    set(main, "message_size_limit", String.valueOf(s.maxMessageSize()));
    set(main, "smtpd_recipient_limit", String.valueOf(l.maxRecipients()));
    set(main, "smtpd_client_connection_count_limit", String.valueOf(l.connectionsPerIp()));
    set(main, "smtpd_timeout", l.commandTimeout().toSeconds() + "s");
    set(main, "smtpd_hard_error_limit", String.valueOf(l.maxErrors()));
    main.append("\n# the queue: Timeout.queuewarn and Timeout.queuereturn\n");
    set(main, "delay_warning_time", s.queue().warnAfter().toSeconds() + "s");
    set(main, "maximal_queue_lifetime", s.queue().returnAfter().toSeconds() + "s");
    set(main, "bounce_queue_lifetime", s.queue().returnAfter().toSeconds() + "s");
    set(main, "minimal_backoff_time", s.queue().minBackoff().toSeconds() + "s");
    set(main, "maximal_backoff_time", s.queue().maxBackoff().toSeconds() + "s");
    set(main, "default_destination_concurrency_limit", String.valueOf(s.queue().perDestination()));
    if (!spec.relayDomains().isEmpty()) {
      set(main, "relay_domains", String.join(", ", spec.relayDomains()));
    }
    if (s.relayhost() != null) {
      set(main, "relayhost", s.relayhost().toString());
    }
    if (s.remotePort() != 25) {
      set(main, "smtp_tcp_port", String.valueOf(s.remotePort()));
    }
    main.append("\n# TLS and AUTH (SASL through Dovecot: export --to dovecot)\n");
    Path cert = s.tls().certFile(s.dataDir());
    Path key = s.tls().keyFile(s.dataDir());
    set(main, "smtpd_tls_cert_file", cert.toString());
    set(main, "smtpd_tls_key_file", key.toString());
    set(main, "smtpd_tls_security_level", "may");
    set(main, "smtp_tls_security_level", "may");
    set(main, "smtpd_sasl_auth_enable", "yes");
    set(main, "smtpd_sasl_type", "dovecot");
    // the Dovecot export beside this one (../dovecot) listens there; smtpd runs unchrooted
    set(main, "smtpd_sasl_path", dovecotAuthSocket(dir).toString());
    set(main, "smtpd_tls_auth_only", s.allowPlaintextAuth() ? "no" : "yes");
    set(main, "disable_vrfy_command", "yes");
    main.append("\n# the access map, by kind of key\n");
    set(
        main,
        "smtpd_client_restrictions",
        "check_client_access hash:" + dir.resolve("client_access"));
    set(
        main,
        "smtpd_sender_restrictions",
        "check_sender_access hash:" + dir.resolve("sender_access"));
    set(
        main,
        "smtpd_recipient_restrictions",
        "check_client_access hash:"
            + dir.resolve("client_relay")
            + ", check_recipient_access hash:"
            + dir.resolve("recipient_access")
            + ", permit_sasl_authenticated, reject_unauth_destination");
    out.file("main.cf", "#", main.toString());
    out.file("master.cf", "#", master(s));

    StringBuilder vmailbox = new StringBuilder();
    StringBuilder virtual = new StringBuilder();
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        String address = u.name() + "@" + d.name();
        vmailbox
            .append(address)
            .append(' ')
            .append(d.name())
            .append('/')
            .append(u.name().toLowerCase())
            .append("/\n");
        if (!u.forward().isEmpty()) {
          List<String> targets = new ArrayList<>(u.forward());
          if (u.keepCopy()) {
            targets.add(0, address);
          }
          virtual.append(address).append(' ').append(String.join(", ", targets)).append('\n');
        }
      }
      for (Map.Entry<String, List<String>> a : d.aliases().entrySet()) {
        virtual
            .append(a.getKey())
            .append('@')
            .append(d.name())
            .append(' ')
            .append(String.join(", ", a.getValue()))
            .append('\n');
      }
      virtual
          .append("postmaster@")
          .append(d.name())
          .append(' ')
          .append(s.postmaster())
          .append('\n');
      if (d.catchAll() != null) {
        virtual.append('@').append(d.name()).append(' ').append(d.catchAll()).append('\n');
        out.note(
            d.name()
                + " catch_all: Postfix's @domain entry also takes mail for users without an entry of their own; each user is listed in virtual to keep them");
        for (User u : d.users()) {
          if (u.forward().isEmpty()) {
            virtual
                .append(u.name())
                .append('@')
                .append(d.name())
                .append(' ')
                .append(u.name())
                .append('@')
                .append(d.name())
                .append('\n');
          }
        }
      }
    }
    StringBuilder recipientAccess = new StringBuilder();
    for (VirtualEntry v : spec.virtual()) {
      if (v.error() != null) {
        recipientAccess
            .append(v.key())
            .append(' ')
            .append(v.error().code())
            .append(' ')
            .append(v.error().status())
            .append(' ')
            .append(v.error().text())
            .append('\n');
      } else {
        virtual
            .append(v.key())
            .append(' ')
            .append(String.join(", ", v.targets()).replace("%1", ""))
            .append('\n');
        if (v.targets().stream().anyMatch(t -> t.contains("%1"))) {
          out.note(
              "virtual "
                  + v.key()
                  + ": Postfix has no %1; '@domain @other' maps local parts as they are");
        }
      }
    }
    StringBuilder client = new StringBuilder();
    StringBuilder clientRelay = new StringBuilder();
    StringBuilder sender = new StringBuilder();
    for (AccessEntry e : spec.access()) {
      String action = postfixAction(e);
      switch (e.tag()) {
        case CONNECT -> connect(e, action, client, clientRelay);
        case FROM ->
            sender.append(e.key()).append(' ').append(senderAction(e, action, out)).append('\n');
        case TO -> recipientAccess.append(e.key()).append(' ').append(action).append('\n');
        case ANY -> {
          connect(e, action, client, clientRelay);
          sender.append(e.key()).append(' ').append(senderAction(e, action, out)).append('\n');
          recipientAccess.append(e.key()).append(' ').append(action).append('\n');
        }
      }
    }
    out.file("vmailbox", "#", vmailbox.toString());
    out.file("virtual", "#", virtual.toString());
    out.file("client_access", "#", client.toString());
    out.file("client_relay", "#", clientRelay.toString());
    out.file("sender_access", "#", sender.toString());
    out.file("recipient_access", "#", recipientAccess.toString());
    out.file("build.sh", "#", build(dir, s.dataDir().resolve("mail")));
    out.note(
        "users log in through Dovecot's SASL (export --to dovecot, installed in "
            + dovecotAuthSocket(dir).getParent().getParent()
            + "), not Postfix");
    out.note("DNS zones: export --to bind");
    out.note(
        "auth_failures, auth_delay, session_timeout and data_timeout have no direct Postfix setting");
    return out;
  }

  /** Where the Dovecot export installed beside this one puts its auth socket. */
  private static Path dovecotAuthSocket(Path dir) {
    return dir.resolveSibling("dovecot")
        .resolve(DovecotExport.RUN_DIR)
        .resolve(DovecotExport.AUTH_SOCKET);
  }

  /** The maps, the Maildirs' owner, then this instance (-c), started or reloaded. */
  private static String build(Path dir, Path mail) {
    String instance = "postfix -c " + dir;
    return "# Run as root after copying these files to "
        + dir
        + ".\nset -e\ncd \"$(dirname \"$0\")\"\n"
        + "for m in vmailbox virtual client_access client_relay sender_access recipient_access; do postmap -c "
        + dir
        + " hash:$m; done\n"
        + "# virtual(8) writes the Maildirs as virtual_uid_maps says\n"
        + "mkdir -p "
        + mail
        + " && chown -R "
        + SendmailExport.MAIL_UID
        + ":"
        + SendmailExport.MAIL_UID
        + " "
        + mail
        + "\n"
        + "# this instance, not the system's Postfix: its own queue (check fills it) and data\n"
        + "mkdir -p "
        + dir.resolve("queue")
        + " && install -d -o postfix "
        + dir.resolve("data")
        + "\n"
        + instance
        + " check\n"
        + "if "
        + instance
        + " status 2>/dev/null; then "
        + instance
        + " reload; else "
        + instance
        + " start; fi\n";
  }

  /** Connect: keys; RELAY also lets the client relay (checked before reject_unauth_destination). */
  private static void connect(
      AccessEntry e, String action, StringBuilder client, StringBuilder relay) {
    if (e.action() == AccessEntry.Action.RELAY) {
      relay.append(e.key()).append(" OK\n");
    } else if (e.action() != AccessEntry.Action.OK) {
      client.append(e.key()).append(' ').append(action).append('\n');
    }
  }

  /** A sender address proves nothing: From: OK and RELAY must not open relaying. */
  private static String senderAction(AccessEntry e, String action, Export out) {
    if (e.action() == AccessEntry.Action.OK || e.action() == AccessEntry.Action.RELAY) {
      return "DUNNO";
    }
    return action;
  }

  private static String postfixAction(AccessEntry e) {
    return switch (e.action()) {
      case OK, RELAY -> "OK";
      case REJECT -> "REJECT";
      case DISCARD -> "DISCARD";
      case ERROR -> e.error().code() + " " + e.error().status() + " " + e.error().text();
    };
  }

  private static void set(StringBuilder b, String key, String value) {
    b.append(key).append(" = ").append(value).append('\n');
  }

  /**
   * master.cf: the listeners of the spec's ports (at most `connections` smtpd each), then the
   * daemons every Postfix runs; none chrooted, as a private queue_directory has no chroot's etc/
   * (Debian's init script fills only /var/spool/postfix's) and Dovecot's socket lies outside it.
   */
  private static String master(Server s) {
    Ports ports = s.ports();
    String maxproc = String.valueOf(s.limits().connections());
    StringBuilder b = new StringBuilder();
    b.append("# service type  private unpriv  chroot  wakeup  maxproc command + args\n");
    if (ports.enabled(Service.SMTP)) {
      smtpd(b, service(ports, Service.SMTP, 25, "smtp"), maxproc);
    }
    List<String> submissionOptions =
        List.of(
            "smtpd_sasl_auth_enable=yes",
            "smtpd_client_restrictions=permit_sasl_authenticated,reject",
            "smtpd_recipient_restrictions=permit_sasl_authenticated,reject");
    if (ports.enabled(Service.SUBMISSION)) {
      smtpd(b, service(ports, Service.SUBMISSION, 587, "submission"), maxproc);
      b.append("  -o syslog_name=postfix/submission\n");
      b.append("  -o smtpd_tls_security_level=")
          .append(s.allowPlaintextAuth() ? "may" : "encrypt")
          .append('\n');
      submissionOptions.forEach(o -> b.append("  -o ").append(o).append('\n'));
    }
    if (ports.enabled(Service.SUBMISSIONS)) {
      smtpd(b, service(ports, Service.SUBMISSIONS, 465, "smtps"), maxproc);
      b.append("  -o syslog_name=postfix/smtps\n");
      b.append("  -o smtpd_tls_wrappermode=yes\n");
      submissionOptions.forEach(o -> b.append("  -o ").append(o).append('\n'));
    }
    String[][] rest = {
      {"pickup", "unix", "n", "-", "n", "60", "1", "pickup"},
      {"cleanup", "unix", "n", "-", "n", "-", "0", "cleanup"},
      {"qmgr", "unix", "n", "-", "n", "300", "1", "qmgr"},
      {"tlsmgr", "unix", "-", "-", "n", "1000?", "1", "tlsmgr"},
      {"rewrite", "unix", "-", "-", "n", "-", "-", "trivial-rewrite"},
      {"bounce", "unix", "-", "-", "n", "-", "0", "bounce"},
      {"defer", "unix", "-", "-", "n", "-", "0", "bounce"},
      {"trace", "unix", "-", "-", "n", "-", "0", "bounce"},
      {"verify", "unix", "-", "-", "n", "-", "1", "verify"},
      {"flush", "unix", "n", "-", "n", "1000?", "0", "flush"},
      {"proxymap", "unix", "-", "-", "n", "-", "-", "proxymap"},
      {"proxywrite", "unix", "-", "-", "n", "-", "1", "proxymap"},
      {"smtp", "unix", "-", "-", "n", "-", "-", "smtp"},
      {"relay", "unix", "-", "-", "n", "-", "-", "smtp"},
      {"showq", "unix", "n", "-", "n", "-", "-", "showq"},
      {"error", "unix", "-", "-", "n", "-", "-", "error"},
      {"retry", "unix", "-", "-", "n", "-", "-", "error"},
      {"discard", "unix", "-", "-", "n", "-", "-", "discard"},
      {"local", "unix", "-", "n", "n", "-", "-", "local"},
      {"virtual", "unix", "-", "n", "n", "-", "-", "virtual"},
      {"lmtp", "unix", "-", "-", "n", "-", "-", "lmtp"},
      {"anvil", "unix", "-", "-", "n", "-", "1", "anvil"},
      {"scache", "unix", "-", "-", "n", "-", "1", "scache"},
      {"postlog", "unix-dgram", "n", "-", "n", "-", "1", "postlogd"}
    };
    for (String[] r : rest) {
      row(b, r);
    }
    return b.toString();
  }

  /** A port as master.cf names it: the service name for the standard one. */
  private static String service(Ports ports, Service service, int standard, String name) {
    return ports.port(service) == standard ? name : String.valueOf(ports.port(service));
  }

  private static void smtpd(StringBuilder b, String service, String maxproc) {
    row(b, service, "inet", "n", "-", "n", "-", maxproc, "smtpd");
  }

  private static void row(StringBuilder b, String... columns) {
    b.append(String.format("%-10s %-5s %-7s %-7s %-7s %-7s %-7s %s%n", (Object[]) columns));
  }
}
