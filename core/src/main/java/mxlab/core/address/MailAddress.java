package mxlab.core.address;

import java.util.Locale;
import java.util.Optional;

/**
 * An address {@code local@domain}. The domain is kept in lower case; local parts compare without
 * case, as every mail server in practice does (RFC 5321 2.4 allows it).
 */
public record MailAddress(String local, String domain) {

  /** Parses a plain {@code local@domain} with a dot-atom or quoted local part. */
  public static Optional<MailAddress> parse(String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1) {
      return Optional.empty();
    }
    String local = text.substring(0, at);
    String domain = text.substring(at + 1);
    if (!isLocalPart(local) || !isMailDomain(domain)) {
      return Optional.empty();
    }
    return Optional.of(new MailAddress(plain(local), DomainNames.normalize(domain)));
  }

  /**
   * A quoted local part that needs no quotes is the same mailbox as its dot-atom ({@code "alice"}
   * is {@code alice}; RFC 5321 4.1.2 and 5322 3.4.1), as Postfix treats it.
   */
  private static String plain(String local) {
    if (!local.startsWith("\"")) {
      return local;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < local.length() - 1; i++) {
      char c = local.charAt(i);
      if (c == '\\' && i + 1 < local.length() - 1) {
        c = local.charAt(++i);
      }
      b.append(c);
    }
    String unquoted = b.toString();
    return !unquoted.startsWith("\"") && isLocalPart(unquoted) ? unquoted : local;
  }

  /** Dot-atom (RFC 5322 3.2.3, with UTF-8 per RFC 6531) or a quoted string. */
  public static boolean isLocalPart(String local) {
    if (local.isEmpty() || local.length() > 64) {
      return false;
    }
    if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
      return true;
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean atext =
          c >= 0x80 || Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
      if (!atext) {
        return false;
      }
    }
    return true;
  }

  /** A domain name or an address literal like {@code [192.0.2.1]}. */
  public static boolean isMailDomain(String domain) {
    if (domain.startsWith("[") && domain.endsWith("]")) {
      String inner = domain.substring(1, domain.length() - 1);
      return IpLiterals.parse(inner.startsWith("IPv6:") ? inner.substring(5) : inner).isPresent();
    }
    return DomainNames.isHostName(domain, false) || domain.chars().anyMatch(c -> c >= 0x80);
  }

  /** The key used for lookups: local part and domain in lower case. */
  public String key() {
    return local.toLowerCase(Locale.ROOT) + "@" + domain;
  }

  @Override
  public String toString() {
    return local + "@" + domain;
  }
}
