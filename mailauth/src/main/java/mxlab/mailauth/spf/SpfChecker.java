package mxlab.mailauth.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mxlab.core.address.AddressRange;
import mxlab.mailauth.MailDns;

/**
 * RFC 7208's check_host(): fetches a domain's SPF record and evaluates it for a client address.
 * Mechanisms all, include, a, mx, ptr, ip4, ip6, exists; modifiers redirect and exp. At most 10
 * terms that query DNS and at most 2 void lookups per check (4.6.4), 10 MX or PTR names each.
 */
public final class SpfChecker {
  private static final int MAX_DNS_TERMS = 10;
  private static final int MAX_VOID_LOOKUPS = 2;
  private static final int MAX_NAMES = 10;

  private final MailDns dns;
  private final String receiver;

  /**
   * @param receiver our host name, for {@code %{r}} in explanations
   */
  public SpfChecker(MailDns dns, String receiver) {
    this.dns = dns;
    this.receiver = receiver;
  }

  /**
   * The MAIL FROM identity (2.4): the sender's domain, or for the null sender the HELO name as
   * postmaster@HELO.
   */
  public SpfResult checkMailFrom(InetAddress ip, String sender, String helo) {
    if (sender == null || sender.isEmpty()) {
      return checkHelo(ip, helo);
    }
    String domain = sender.substring(sender.lastIndexOf('@') + 1);
    String full = sender.indexOf('@') <= 0 ? "postmaster@" + domain : sender;
    return checkHost(ip, domain, full, helo);
  }

  /** The HELO identity (2.3). */
  public SpfResult checkHelo(InetAddress ip, String helo) {
    if (helo == null || helo.startsWith("[")) {
      return SpfResult.of(SpfResult.Verdict.NONE); // an address literal names no domain
    }
    return checkHost(ip, helo, "postmaster@" + helo, helo);
  }

  /** check_host(ip, domain, sender) (4). */
  public SpfResult checkHost(InetAddress ip, String domain, String sender, String helo) {
    Evaluation e = new Evaluation(ip, sender, helo);
    try {
      return e.check(normalize(domain));
    } catch (SpfLimitExceeded limit) {
      return new SpfResult(SpfResult.Verdict.PERMERROR, limit.getMessage());
    }
  }

  private static String normalize(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  /** One check_host() and everything it includes: the limits count across all of it. */
  private final class Evaluation {
    private final InetAddress ip;
    private final String sender;
    private final String helo;
    private int dnsTerms;
    private int voidLookups;

    Evaluation(InetAddress ip, String sender, String helo) {
      this.ip = ip;
      this.sender = sender;
      this.helo = helo;
    }

    SpfResult check(String domain) throws SpfLimitExceeded {
      // 4.3: a domain that is not a multi-label name has no record
      if (!domain.matches("([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?")
          || domain.length() > 253
          || java.util.Arrays.stream(domain.split("\\.")).anyMatch(l -> l.length() > 63)) {
        return SpfResult.of(SpfResult.Verdict.NONE);
      }
      List<String> found;
      try {
        found = dns.txt(domain);
      } catch (MailDns.DnsFailure f) {
        return SpfResult.of(SpfResult.Verdict.TEMPERROR);
      }
      List<String> spf = new ArrayList<>();
      for (String txt : found) {
        String t = txt.toLowerCase(Locale.ROOT);
        if (t.equals("v=spf1") || t.startsWith("v=spf1 ")) {
          spf.add(txt);
        }
      }
      if (spf.isEmpty()) {
        return SpfResult.of(SpfResult.Verdict.NONE); // 4.5
      }
      if (spf.size() > 1) {
        return SpfResult.of(SpfResult.Verdict.PERMERROR);
      }
      SpfRecord record = SpfRecord.parse(spf.get(0));
      if (record == null) {
        return SpfResult.of(SpfResult.Verdict.PERMERROR);
      }
      Macros.Context context =
          new Macros.Context(ip, sender, domain, helo, receiver, () -> validatedName(domain, true));
      for (SpfRecord.Directive d : record.directives()) {
        Boolean matched = matches(d, domain, context);
        if (matched == null) {
          return SpfResult.of(SpfResult.Verdict.TEMPERROR);
        }
        if (matched) {
          if (d.result() == SpfResult.Verdict.FAIL) {
            return new SpfResult(SpfResult.Verdict.FAIL, explanation(record, context));
          }
          return SpfResult.of(d.result());
        }
      }
      if (record.redirect() != null && !record.hasAll()) {
        countTerm();
        String target = target(record.redirect(), context);
        if (target == null) {
          return SpfResult.of(SpfResult.Verdict.PERMERROR);
        }
        SpfResult r = check(target);
        return r.verdict() == SpfResult.Verdict.NONE
            ? SpfResult.of(SpfResult.Verdict.PERMERROR)
            : r;
      }
      return SpfResult.of(SpfResult.Verdict.NEUTRAL);
    }

    /** Whether a directive matches; null for a DNS error (temperror). */
    private Boolean matches(SpfRecord.Directive d, String domain, Macros.Context context)
        throws SpfLimitExceeded {
      String target = d.domain() == null ? domain : target(d.domain(), context);
      if (target == null) {
        throw new SpfLimitExceeded("invalid domain-spec " + d.domain());
      }
      try {
        switch (d.mechanism()) {
          case "all" -> {
            return true;
          }
          case "ip4", "ip6" -> {
            return d.network().contains(ip);
          }
          case "a" -> {
            countTerm();
            return inAny(addressesOf(target, true), d);
          }
          case "mx" -> {
            countTerm();
            List<String> hosts = dns.mx(target);
            noteVoid(hosts.isEmpty());
            if (hosts.size() > MAX_NAMES) {
              throw new SpfLimitExceeded("more than 10 MX names at " + target);
            }
            for (String host : hosts) {
              if (inAny(addressesOf(host, false), d)) {
                return true;
              }
            }
            return false;
          }
          case "ptr" -> {
            countTerm();
            return ptrMatches(target);
          }
          case "exists" -> {
            countTerm();
            List<InetAddress> a = dns.addresses(target, false);
            noteVoid(a.isEmpty());
            return !a.isEmpty();
          }
          case "include" -> {
            countTerm();
            SpfResult r = check(target);
            return switch (r.verdict()) {
              case PASS -> true;
              case FAIL, SOFTFAIL, NEUTRAL -> false;
              case TEMPERROR -> null;
              default -> throw new SpfLimitExceeded("include:" + target + " gave " + r.verdict());
            };
          }
          default -> throw new IllegalStateException("parsed mechanism " + d.mechanism());
        }
      } catch (MailDns.DnsFailure f) {
        return null;
      }
    }

    /** The client's family of addresses of {@code name} (5.3, 5.4). */
    private List<InetAddress> addressesOf(String name, boolean counted)
        throws MailDns.DnsFailure, SpfLimitExceeded {
      List<InetAddress> a = dns.addresses(name, ip instanceof Inet6Address);
      if (counted) {
        noteVoid(a.isEmpty());
      }
      return a;
    }

    private boolean inAny(List<InetAddress> addresses, SpfRecord.Directive d) {
      int prefix = ip instanceof Inet4Address ? d.cidr4() : d.cidr6();
      for (InetAddress a : addresses) {
        if (new AddressRange(a, prefix).contains(ip)) {
          return true;
        }
      }
      return false;
    }

    /** 5.5: a validated PTR name (one that resolves back to the address) within the target. */
    private boolean ptrMatches(String target) throws MailDns.DnsFailure, SpfLimitExceeded {
      List<String> names = dns.ptr(ip);
      noteVoid(names.isEmpty());
      for (String n : firstNames(names)) {
        if ((n.equals(target) || n.endsWith("." + target)) && resolvesBack(n)) {
          return true;
        }
      }
      return false;
    }

    /**
     * {@code %{p}} (7.3): the validated name of the client (5.5) that is {@code domain}, else one
     * below it, else any; "unknown" when none validates or DNS fails. Its PTR question is one of
     * the 10 DNS terms (4.6.4) when {@code counted}; an explanation (exp=) is not counted.
     */
    private String validatedName(String domain, boolean counted) throws SpfLimitExceeded {
      if (counted) {
        countTerm();
      }
      List<String> names;
      try {
        names = dns.ptr(ip);
      } catch (MailDns.DnsFailure f) {
        return "unknown";
      }
      String below = null;
      String any = null;
      for (String n : firstNames(names)) {
        if (!resolvesBack(n)) {
          continue;
        }
        if (n.equals(domain)) {
          return n;
        }
        if (below == null && n.endsWith("." + domain)) {
          below = n;
        }
        if (any == null) {
          any = n;
        }
      }
      return below != null ? below : any != null ? any : "unknown";
    }

    /** 4.6.4: of more than 10 PTR names, all but the first 10 are ignored. */
    private List<String> firstNames(List<String> names) {
      return names.stream().limit(MAX_NAMES).map(SpfChecker::normalize).toList();
    }

    /** Whether {@code name} has the client's address; a DNS error skips the name (5.5). */
    private boolean resolvesBack(String name) {
      try {
        return dns.addresses(name, ip instanceof Inet6Address).contains(ip);
      } catch (MailDns.DnsFailure f) {
        return false;
      }
    }

    private String explanation(SpfRecord record, Macros.Context context) {
      if (record.exp() == null) {
        return "";
      }
      // the explanation is looked up after the verdict (4.6.4): its %{p} is not counted
      Macros.Context uncounted = context.withPtr(() -> validatedName(context.domain(), false));
      try {
        String target = target(record.exp(), uncounted);
        List<String> texts = target == null ? List.of() : dns.txt(target);
        if (texts.size() != 1) {
          return "";
        }
        String text = Macros.expand(texts.get(0), uncounted, true);
        return text == null ? "" : text;
      } catch (MailDns.DnsFailure | SpfLimitExceeded | RuntimeException f) {
        return ""; // 6.2: any problem with exp= only loses the explanation
      }
    }

    /** A macro-expanded domain-spec, shortened to 253 octets from the left (7.3); null if bad. */
    private String target(String spec, Macros.Context context) throws SpfLimitExceeded {
      String t = Macros.expand(spec, context, false);
      if (t == null || t.isEmpty()) {
        return null;
      }
      t = normalize(t);
      while (t.length() > 253 && t.contains(".")) {
        t = t.substring(t.indexOf('.') + 1);
      }
      return t;
    }

    private void countTerm() throws SpfLimitExceeded {
      if (++dnsTerms > MAX_DNS_TERMS) {
        throw new SpfLimitExceeded("more than 10 DNS lookups");
      }
    }

    private void noteVoid(boolean empty) throws SpfLimitExceeded {
      if (empty && ++voidLookups > MAX_VOID_LOOKUPS) {
        throw new SpfLimitExceeded("more than 2 void lookups");
      }
    }
  }
}
