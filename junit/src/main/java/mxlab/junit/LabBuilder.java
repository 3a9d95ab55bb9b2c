package mxlab.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab spec written in code: domains, users, aliases, access entries. It becomes an ordinary spec
 * file in the lab's temporary directory, checked by the same reader as `mxlab up`, so a mistake is
 * reported as `file:line:column` with a hint.
 *
 * <p>Every domain gets a host {@code mail} at 127.0.0.1 and so {@code MX 10 mail.DOMAIN}. The
 * access map holds {@code Connect:127.0.0.1 RELAY}, as `mxlab init` writes it, so code under test
 * may relay through port 25 without AUTH ({@link #noLocalRelay()} takes it out). Failed deliveries
 * are retried after one second instead of five minutes.
 */
public final class LabBuilder {
  private record DomainDraft(
      String name, Map<String, String> users, Map<String, List<String>> aliases) {}

  private final List<DomainDraft> domains = new ArrayList<>();
  private final Map<String, String> access = new LinkedHashMap<>();
  private boolean plaintextAuth;
  private Duration retry = Duration.ofSeconds(1);

  LabBuilder() {
    access.put("Connect:127.0.0.1", "RELAY");
  }

  /** A hosted domain; the users and aliases that follow belong to it. */
  public LabBuilder domain(String name) {
    domains.add(new DomainDraft(name, new LinkedHashMap<>(), new LinkedHashMap<>()));
    return this;
  }

  /** A user of the last domain, with a plain password (it is a lab). */
  public LabBuilder user(String name, String password) {
    last("user").users().put(name, password);
    return this;
  }

  /** An alias of the last domain: local names of it, or full addresses. */
  public LabBuilder alias(String name, String... targets) {
    last("alias").aliases().put(name, List.of(targets));
    return this;
  }

  /** An access map entry, e.g. {@code access("From:spammer@evil.com", "REJECT")}. */
  public LabBuilder access(String key, String action) {
    access.put(key, action);
    return this;
  }

  /** No relaying for unauthenticated clients on 127.0.0.1. */
  public LabBuilder noLocalRelay() {
    access.remove("Connect:127.0.0.1");
    return this;
  }

  /** AUTH and POP3/IMAP logins without TLS (the spec's lab-only allow_plaintext_auth). */
  public LabBuilder allowPlaintextAuth() {
    plaintextAuth = true;
    return this;
  }

  /** How long a deferred delivery waits before the next attempt (whole seconds, 1 s default). */
  public LabBuilder retryAfter(Duration delay) {
    if (delay.toSeconds() < 1) {
      throw new IllegalArgumentException("retryAfter is at least one second, not " + delay);
    }
    retry = delay;
    return this;
  }

  public MxlabExtension build() {
    if (domains.isEmpty()) {
      throw new IllegalStateException("a lab needs a domain: builder().domain(\"bann.com\")");
    }
    return new MxlabExtension(LabOrigin.text(yaml()));
  }

  private DomainDraft last(String what) {
    if (domains.isEmpty()) {
      throw new IllegalStateException("call domain(...) before " + what + "(...)");
    }
    return domains.get(domains.size() - 1);
  }

  /** The spec as YAML. */
  String yaml() {
    StringBuilder y = new StringBuilder("version: 1\nserver:\n");
    y.append("  allow_plaintext_auth: ").append(plaintextAuth).append('\n');
    String backoff = retry.toSeconds() + "s";
    y.append("  queue: { min_backoff: ").append(backoff).append(", max_backoff: ").append(backoff);
    y.append(" }\ndomains:\n");
    for (DomainDraft d : domains) {
      y.append("  - name: ").append(quote(d.name())).append('\n');
      y.append("    hosts: { mail: 127.0.0.1 }\n");
      if (!d.users().isEmpty()) {
        y.append("    users:\n");
        d.users()
            .forEach(
                (name, password) ->
                    y.append("      - { name: ")
                        .append(quote(name))
                        .append(", password: ")
                        .append(quote("{PLAIN}" + password))
                        .append(" }\n"));
      }
      if (!d.aliases().isEmpty()) {
        y.append("    aliases:\n");
        d.aliases()
            .forEach(
                (name, targets) -> {
                  y.append("      ").append(quote(name)).append(": [");
                  y.append(String.join(", ", targets.stream().map(LabBuilder::quote).toList()));
                  y.append("]\n");
                });
      }
    }
    if (!access.isEmpty()) {
      y.append("access:\n");
      access.forEach(
          (k, v) -> y.append("  ").append(quote(k)).append(": ").append(quote(v)).append('\n'));
    }
    return y.toString();
  }

  /** A YAML double-quoted scalar. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
