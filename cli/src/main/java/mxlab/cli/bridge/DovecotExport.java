package mxlab.cli.bridge;

import java.nio.file.Path;
import mxlab.core.auth.PasswordHash;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;

/**
 * Dovecot for a spec: POP3, POP3S and IMAP on the very Maildirs mxlab keeps ({@code %d/%n}), with a
 * passwd-file of the users in Dovecot's own {SCHEME} notation, and SASL for Postfix.
 */
final class DovecotExport {
  private DovecotExport() {}

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
    c.append("protocols = imap pop3\n");
    c.append("listen = ")
        .append(s.listen().isAnyLocalAddress() ? "*" : s.listen().getHostAddress())
        .append('\n');
    c.append("mail_location = maildir:").append(s.dataDir().resolve("mail")).append("/%d/%n\n");
    c.append("mail_uid = 5000\nmail_gid = 5000\nfirst_valid_uid = 1000\n");
    c.append("ssl = yes\n");
    c.append("ssl_cert = <").append(cert).append('\n');
    c.append("ssl_key = <").append(key).append('\n');
    c.append("ssl_min_protocol = TLSv1.2\n");
    c.append("disable_plaintext_auth = ")
        .append(s.allowPlaintextAuth() ? "no" : "yes")
        .append('\n');
    c.append("auth_mechanisms = plain login").append(cram ? " cram-md5" : "").append('\n');
    c.append("pop3_uidl_format = %f\n"); // the Maildir base name, as mxlab's UIDLs
    c.append("passdb {\n  driver = passwd-file\n  args = ")
        .append(dir.resolve("users"))
        .append("\n}\n");
    c.append("userdb {\n  driver = static\n  args = uid=5000 gid=5000 home=")
        .append(s.dataDir().resolve("mail"))
        .append("/%d/%n\n}\n");
    c.append("service pop3-login {\n");
    listener(c, "pop3", s, Service.POP3, false);
    listener(c, "pop3s", s, Service.POP3S, true);
    c.append("}\n");
    c.append(
        "service auth {\n  unix_listener /var/spool/postfix/private/auth {\n"
            + "    mode = 0660\n    user = postfix\n    group = postfix\n  }\n}\n");
    out.file("dovecot.conf", "#", c.toString());
    out.file("users", "#", users.toString());
    out.note(
        "Dovecot logs in with the full address (test@bann.com); mxlab also takes a bare name where it is unique");
    out.note(
        "login delays, auth_failures and connections_per_ip: see Dovecot's auth_failure_delay and mail_max_userip_connections");
    return out;
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
