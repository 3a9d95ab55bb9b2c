package mxlab.mailauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mxlab.core.address.AddressRange;
import mxlab.core.address.IpLiterals;

/**
 * One SPF record, parsed whole before anything is evaluated (RFC 7208 4.6): a syntax error
 * anywhere, an unknown mechanism, or a repeated redirect= or exp= makes it unusable.
 *
 * @param redirect the redirect= domain-spec, or null
 * @param exp the exp= domain-spec, or null
 */
record SpfRecord(List<Directive> directives, String redirect, String exp) {
  /**
   * A mechanism with its qualifier's result.
   *
   * @param domain the domain-spec (a, mx, ptr, include, exists), or null for the current domain
   * @param network for ip4 and ip6
   */
  record Directive(
      SpfResult.Verdict result,
      String mechanism,
      String domain,
      AddressRange network,
      int cidr4,
      int cidr6) {}

  private static final Pattern MODIFIER = Pattern.compile("([a-zA-Z][a-zA-Z0-9_.-]*)=(.*)");
  private static final Pattern DUAL_CIDR =
      Pattern.compile("(.*?)(?:/(\\d{1,3}))?(?://(\\d{1,3}))?");

  boolean hasAll() {
    return directives.stream().anyMatch(d -> d.mechanism().equals("all"));
  }

  /** The record, or null if it is not a valid one (a permerror). */
  static SpfRecord parse(String text) {
    if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return null; // 3.1: records are 7-bit ASCII, terms separated by spaces only
    }
    String[] terms = text.trim().split("[ ]+");
    List<Directive> directives = new ArrayList<>();
    String redirect = null;
    String exp = null;
    for (int i = 1; i < terms.length; i++) { // terms[0] is v=spf1
      String term = terms[i];
      Matcher m = MODIFIER.matcher(term);
      if (m.matches() && !term.contains(":")
          || m.matches() && term.indexOf('=') < term.indexOf(':')) {
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(2);
        if (!validMacroString(value)) {
          return null;
        }
        boolean known = name.equals("redirect") || name.equals("exp");
        if (known && !validDomainSpec(value)) {
          return null;
        }
        if (name.equals("redirect")) {
          if (redirect != null) {
            return null;
          }
          redirect = value;
        } else if (name.equals("exp")) {
          if (exp != null) {
            return null;
          }
          exp = value;
        } // unknown modifiers are ignored (6)
        continue;
      }
      Optional<Directive> d = directive(term);
      if (d.isEmpty()) {
        return null;
      }
      directives.add(d.get());
    }
    return new SpfRecord(List.copyOf(directives), redirect, exp);
  }

  private static Optional<Directive> directive(String term) {
    SpfResult.Verdict result = SpfResult.Verdict.PASS;
    char q = term.charAt(0);
    if ("+-~?".indexOf(q) >= 0) {
      result =
          switch (q) {
            case '-' -> SpfResult.Verdict.FAIL;
            case '~' -> SpfResult.Verdict.SOFTFAIL;
            case '?' -> SpfResult.Verdict.NEUTRAL;
            default -> SpfResult.Verdict.PASS;
          };
      term = term.substring(1);
    }
    int colon = term.indexOf(':');
    int slash = term.indexOf('/');
    int nameEnd = colon >= 0 ? colon : slash >= 0 ? slash : term.length();
    if (colon >= 0 && slash >= 0 && slash < colon) {
      nameEnd = slash;
      colon = -1;
    }
    String name = term.substring(0, nameEnd).toLowerCase(Locale.ROOT);
    String rest = term.substring(nameEnd);
    switch (name) {
      case "all" -> {
        return rest.isEmpty()
            ? Optional.of(new Directive(result, name, null, null, 32, 128))
            : Optional.empty();
      }
      case "ip4", "ip6" -> {
        if (!rest.startsWith(":")) {
          return Optional.empty();
        }
        String value = rest.substring(1);
        int s = value.indexOf('/');
        Optional<InetAddress> a = IpLiterals.parse(s < 0 ? value : value.substring(0, s));
        if (a.isEmpty()
            || (a.get() instanceof Inet4Address) != name.equals("ip4")
            || (name.equals("ip4") && value.contains(":"))) {
          return Optional.empty();
        }
        Optional<AddressRange> range = AddressRange.parse(value);
        SpfResult.Verdict qualified = result;
        return range.map(r -> new Directive(qualified, name, null, r, 32, 128));
      }
      case "a", "mx", "ptr", "include", "exists" -> {
        String domain = null;
        String cidrs = rest;
        if (rest.startsWith(":")) {
          Matcher m = DUAL_CIDR.matcher(rest.substring(1));
          if (!m.matches() || m.group(1).isEmpty()) {
            return Optional.empty();
          }
          domain = m.group(1);
          cidrs = rest.substring(1 + domain.length());
          if (!validMacroString(domain) || !validDomainSpec(domain)) {
            return Optional.empty();
          }
        }
        Matcher c = DUAL_CIDR.matcher(cidrs);
        if (!c.matches() || !c.group(1).isEmpty()) {
          return Optional.empty();
        }
        boolean takesCidr = name.equals("a") || name.equals("mx");
        if (!takesCidr && (c.group(2) != null || c.group(3) != null)) {
          return Optional.empty();
        }
        if ((name.equals("include") || name.equals("exists")) && domain == null) {
          return Optional.empty();
        }
        int cidr4 = c.group(2) == null ? 32 : Integer.parseInt(c.group(2));
        int cidr6 = c.group(3) == null ? 128 : Integer.parseInt(c.group(3));
        if (cidr4 > 32 || cidr6 > 128) {
          return Optional.empty();
        }
        return Optional.of(new Directive(result, name, domain, null, cidr4, cidr6));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static final Pattern TOPLABEL =
      Pattern.compile(
          ".*\\.([a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])\\.?",
          Pattern.CASE_INSENSITIVE);

  /** 7.1: a domain-spec ends in a macro or in a dot and a top label. */
  private static boolean validDomainSpec(String spec) {
    return spec.endsWith("}") || TOPLABEL.matcher(spec).matches();
  }

  /** Whether every % starts a valid macro (7.1); checked at parse time so errors are permerrors. */
  private static boolean validMacroString(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '%') {
        continue;
      }
      if (i + 1 >= s.length()) {
        return false;
      }
      char n = s.charAt(i + 1);
      if (n == '{') {
        int close = s.indexOf('}', i);
        if (close < 0
            || !s.substring(i + 2, close)
                .matches("[slodiphcrtvSLODIPHCRTV]\\d*[rR]?[.\\-+,/_=]*")) {
          return false;
        }
        i = close;
      } else if (n == '%' || n == '_' || n == '-') {
        i++;
      } else {
        return false;
      }
    }
    return true;
  }
}
