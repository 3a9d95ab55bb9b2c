package mxlab.core.spec.write;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mxlab.core.spec.Service;

/**
 * The mappings of a spec and their keys in the documented order (README, "The spec"). A written
 * mapping puts its keys in this order whatever order they were given in; the data mappings (hosts,
 * aliases, virtual, access) keep theirs.
 */
public enum Section {
  SPEC("version", "server", "domains", "virtual", "access", "relay_domains", "admins", "dns"),
  SERVER(
      "hostname",
      "listen",
      "ports",
      "data_dir",
      "max_message_size",
      "queue",
      "mailer_daemon",
      "postmaster",
      "resolver",
      "relayhost",
      "remote_port",
      "tls",
      "allow_plaintext_auth",
      "limits",
      "mail_auth"),
  PORTS(Arrays.stream(Service.values()).map(Service::specName).toArray(String[]::new)),
  QUEUE("warn_after", "return_after", "min_backoff", "max_backoff", "per_destination"),
  TLS("cert", "key"),
  LIMITS(
      "connections",
      "connections_per_ip",
      "max_recipients",
      "max_errors",
      "auth_failures",
      "auth_delay",
      "command_timeout",
      "data_timeout",
      "session_timeout",
      "pop3_timeout",
      "preauth_timeout"),
  DOMAIN(
      "name",
      "ttl",
      "hosts",
      "ns",
      "mx",
      "spf",
      "dmarc",
      "dkim",
      "reverse",
      "records",
      "users",
      "aliases",
      "catch_all",
      "mta_sts",
      "mta_sts_max_age",
      "tls_rpt"),
  MX("priority", "host"),
  RECORD("name", "type", "value", "ttl"),
  USER("name", "password", "forward", "keep_copy"),
  ADMIN("name", "key"),
  DNS("axfr"),
  DKIM("selector", "algorithm", "retired"),
  MAIL_AUTH("verify", "dmarc"),
  /** A mapping whose keys are data: hosts, aliases, virtual, access. */
  DATA;

  private final List<String> keys;

  Section(String... keys) {
    this.keys = List.of(keys);
  }

  /** Where {@code key} goes among its siblings; data keys all rank the same. */
  int rank(String key) {
    if (this == DATA) {
      return 0;
    }
    int i = keys.indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is not a key of "
              + name().toLowerCase(Locale.ROOT)
              + "; its keys are "
              + keys);
    }
    return i;
  }
}
