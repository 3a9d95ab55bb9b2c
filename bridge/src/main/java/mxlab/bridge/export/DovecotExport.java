package mxlab.bridge.export;

import java.nio.file.Path;
import mxlab.core.auth.PasswordHash;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;

/**
 * Dovecot for a spec: POP3, POP3S, IMAP and IMAPS as far as the spec enables them (what mxlab
 * serves, nothing more) on the very Maildirs mxlab keeps ({@code %d/%n}, Maildir++ folders) with
 * the UIDLs and IMAP UIDs mxlab gave, a passwd-file of the users in Dovecot's own {SCHEME}
 * notation, and SASL for Postfix; an instance of its own, beside the system's Dovecot.
 */
final class DovecotExport {
  private DovecotExport() {}

  /** Sockets and pid, under the install directory: PostfixExport points smtpd at AUTH_SOCKET. */
  static final String RUN_DIR = "run";

  static final String AUTH_SOCKET = "auth-postfix";

  static Export export(Spec spec, Path dir, String header) {
    Export out = new Export(header);
    Server s = spec.server();
    Path cert = s.tls().certFile(s.dataDir());
    Path key = s.tls().keyFile(s.dataDir());
    boolean cram = false;
    StringBuilder users = new StringBuilder();
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        if (u.password() != null) {
          users
              .append(u.name())
              .append('@')
              .append(d.name())
              .append(':')
              .append(u.password())
              .append('\n');
          cram |= u.password().scheme() == PasswordHash.Scheme.PLAIN;
        }
      }
    }
    StringBuilder c = new StringBuilder();
    boolean imap = s.ports().enabled(Service.IMAP) || s.ports().enabled(Service.IMAPS);
    boolean pop3 = s.ports().enabled(Service.POP3) || s.ports().enabled(Service.POP3S) || !imap;
    c.append("protocols =").append(pop3 ? " pop3" : "").append(imap ? " imap" : "").append('\n');
    c.append("base_dir = ").append(dir.resolve(RUN_DIR)).append('\n');
    c.append("listen = ")
        .append(s.listen().isAnyLocalAddress() ? "*" : s.listen().getHostAddress())
        .append('\n');
    // mxlab's folders: ".Sent" is Sent, ".Archive.2024" Archive.2024 (Dovecot's default for
    // maildir, written out since the folder names depend on it)
    c.append("mail_location = maildir:")
        .append(s.dataDir().resolve("mail"))
        .append("/%d/%n:LAYOUT=maildir++\n");
    // the folders mxlab creates (not subscribes) at first login, with their RFC 6154 attributes;
    // both keep subscriptions in the Maildir's "subscriptions" file
    c.append("namespace inbox {\n  inbox = yes\n  separator = .\n  prefix =\n");
    for (String[] use :
        new String[][] {
          {"Sent", "\\Sent"}, {"Drafts", "\\Drafts"}, {"Trash", "\\Trash"}, {"Junk", "\\Junk"}
        }) {
      c.append("  mailbox ")
          .append(use[0])
          .append(" {\n    auto = create\n    special_use = ")
          .append(use[1])
          .append("\n  }\n");
    }
    c.append("}\n");
    c.append("mail_uid = ")
        .append(SendmailExport.MAIL_UID)
        .append("\nmail_gid = ")
        .append(SendmailExport.MAIL_UID)
        .append("\nfirst_valid_uid = 1000\n");
    c.append("ssl = yes\n");
    c.append("ssl_cert = <").append(cert).append('\n');
    c.append("ssl_key = <").append(key).append('\n');
    c.append("ssl_min_protocol = TLSv1.2\n");
    c.append("disable_plaintext_auth = ")
        .append(s.allowPlaintextAuth() ? "no" : "yes")
        .append('\n');
    c.append("auth_mechanisms = plain login").append(cram ? " cram-md5" : "").append('\n');
    // the file name before its flags; build.sh takes mxlab's size fields out of the names, so that
    // it is the base name mxlab gave as UIDL (RFC 1939 7) and clients download nothing twice
    c.append("pop3_uidl_format = %f\n");
    c.append("passdb {\n  driver = passwd-file\n  args = ")
        .append(dir.resolve("users"))
        .append("\n}\n");
    c.append("userdb {\n  driver = static\n  args = uid=")
        .append(SendmailExport.MAIL_UID)
        .append(" gid=")
        .append(SendmailExport.MAIL_UID)
        .append(" home=")
        .append(s.dataDir().resolve("mail"))
        .append("/%d/%n\n}\n");
    if (pop3) {
      c.append("service pop3-login {\n");
      listener(c, "pop3", s, Service.POP3, false);
      listener(c, "pop3s", s, Service.POP3S, true);
      c.append("}\n");
    }
    if (imap) {
      c.append("service imap-login {\n");
      listener(c, "imap", s, Service.IMAP, false);
      listener(c, "imaps", s, Service.IMAPS, true);
      c.append("}\n");
    }
    // in base_dir, for the Postfix export's smtpd_sasl_path
    c.append("service auth {\n  unix_listener ")
        .append(AUTH_SOCKET)
        .append(" {\n    mode = 0660\n    user = postfix\n    group = postfix\n  }\n}\n");
    out.file("dovecot.conf", "#", c.toString());
    out.file("users", "#", users.toString());
    out.file("build.sh", "#", build(dir, s.dataDir().resolve("mail")));
    out.note(
        "Dovecot logs in with the full address (test@bann.com); mxlab also takes a bare name where it is unique");
    out.note(
        "login delays, auth_failures and connections_per_ip: see Dovecot's auth_failure_delay and mail_max_userip_connections");
    return out;
  }

  /** Migrates the Maildirs to Dovecot (stop mxlab first), then starts or reloads this instance. */
  private static String build(Path dir, Path mail) {
    String conf = dir.resolve("dovecot.conf").toString();
    return "# Run as root after copying these files to "
        + dir
        + ", with mxlab stopped.\n"
        + "set -e\n"
        + "mail="
        + mail
        + "\n"
        + "# Dovecot's UIDL (%f) is the file name before ':'; mxlab's stops at the first ',',"
        + " before the S= and W=\n# size fields: take those out so that both give the same UIDLs\n"
        + "find \"$mail\" -type f \\( -path '*/new/*' -o -path '*/cur/*' \\) | while read -r f; do\n"
        + "  name=${f##*/}; stem=${name%%:*}; base=${stem%%,*}\n"
        + "  [ \"$base\" = \"$stem\" ] || mv \"$f\" \"${f%/*}/$base${name#\"$stem\"}\"\n"
        + "done\n"
        + "# and in each folder's dovecot-uidlist (\"<uid> :<base name>\"), so that every file keeps"
        + " the IMAP UID\n# mxlab gave it and UIDVALIDITY stays; the sizes go into the line's S and"
        + " W fields\n"
        + "find \"$mail\" -type f -name dovecot-uidlist | while read -r u; do\n"
        + "  awk 'NR == 1 || !index($0, \" :\") { print; next }\n"
        + "    { i = index($0, \" :\"); n = split(substr($0, i + 2), p, \",\"); ext = \"\"\n"
        + "      for (j = 2; j <= n; j++) if (p[j] ~ /^[SW]=[0-9]+$/)"
        + " ext = ext \" \" substr(p[j], 1, 1) substr(p[j], 3)\n"
        + "      print substr($0, 1, i - 1) ext \" :\" p[1] }' \"$u\" > \"$u.new\"\n"
        + "  mv \"$u.new\" \"$u\"\n"
        + "done\n"
        + "# mail_uid: Dovecot reads and writes the Maildirs as this uid\n"
        + "chown -R "
        + SendmailExport.MAIL_UID
        + ":"
        + SendmailExport.MAIL_UID
        + " \"$mail\"\n"
        + "# this instance (its own base_dir), not the system's Dovecot\n"
        + "doveadm -c "
        + conf
        + " reload 2>/dev/null || dovecot -c "
        + conf
        + "\n";
  }

  private static void listener(
      StringBuilder c, String name, Server s, Service service, boolean ssl) {
    c.append("  inet_listener ").append(name).append(" {\n");
    c.append("    port = ")
        .append(s.ports().enabled(service) ? s.ports().port(service) : 0)
        .append('\n');
    if (ssl) {
      c.append("    ssl = yes\n");
    }
    c.append("  }\n");
  }
}
