package mxlab.core.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import mxlab.core.address.DomainNames;
import mxlab.core.address.MailAddress;
import mxlab.core.address.Subaddress;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;
import mxlab.core.spec.VirtualEntry;
import mxlab.core.text.Similar;

/**
 * Where mail for an address goes, like sendmail's local-host-names, virtusertable, aliases and
 * .forward together. Order: virtual (exact, then {@code @domain}, error entries) → the domain's
 * aliases → the user's forward → the user's mailbox; postmaster is always accepted (RFC 5321
 * 4.5.1); then the domain's catch_all; else unknown. A {@code user+detail} local part is looked up
 * as sendmail does: {@code user+detail}, then {@code user+*}, then {@code user}, in virtual (before
 * {@code @domain}), in the aliases and among the users; catch_all only when all three are unknown.
 */
public final class Router {
  /** Deeper expansions are treated as loops; sendmail's MAXRCRSN is 10, ours is more generous. */
  private static final int MAX_DEPTH = 20;

  private final Map<String, Domain> hosted = new HashMap<>();
  private final Map<String, VirtualEntry> virtual = new HashMap<>();
  private final Set<String> virtualDomains = new LinkedHashSet<>();
  private final String hostname;
  private final String hostnameDomain;
  private final String postmaster;

  private Router(Spec spec) {
    for (Domain d : spec.domains()) {
      hosted.putIfAbsent(d.name(), d);
    }
    for (VirtualEntry v : spec.virtual()) {
      virtual.putIfAbsent(v.key(), v);
      virtualDomains.add(v.isCatchAll() ? v.key().substring(1) : v.key().split("@", 2)[1]);
    }
    hostname = spec.server().hostname();
    hostnameDomain = enclosingHosted(hostname);
    postmaster = spec.server().postmaster();
  }

  public static Router of(Spec spec) {
    return new Router(spec);
  }

  /** Whether we receive mail for {@code domain} (local-host-names and virtual domains). */
  public boolean isLocal(String domain) {
    String d = DomainNames.normalize(domain);
    return hosted.containsKey(d) || d.equals(hostname) || virtualDomains.contains(d);
  }

  public Resolution resolve(MailAddress address) {
    if (!isLocal(address.domain())) {
      return new Resolution.Remote(address);
    }
    Expansion e = new Expansion();
    e.expand(address, new ArrayList<>());
    return e.result();
  }

  /** The spec's domain for {@code name}; the server's host name stands for its own domain. */
  private Domain hostedDomain(String name) {
    Domain d = hosted.get(name);
    return d == null && name.equals(hostname) && hostnameDomain != null
        ? hosted.get(hostnameDomain)
        : d;
  }

  private String enclosingHosted(String name) {
    for (String d = name; d.contains("."); d = d.substring(d.indexOf('.') + 1)) {
      if (hosted.containsKey(d)) {
        return d;
      }
    }
    return null;
  }

  /**
   * One recipient's expansion; collects mailboxes and off-site addresses, stops at the first error.
   */
  private final class Expansion {
    private final Set<Mailbox> mailboxes = new LinkedHashSet<>();
    private final Set<MailAddress> offsite = new LinkedHashSet<>();
    private Resolution failure;

    Resolution result() {
      return failure != null
          ? failure
          : new Resolution.Deliver(List.copyOf(mailboxes), List.copyOf(offsite));
    }

    void expand(MailAddress address, List<String> chain) {
      if (failure != null) {
        return;
      }
      String key = address.key();
      if (chain.contains(key) || chain.size() >= MAX_DEPTH) {
        List<String> loop = new ArrayList<>(chain);
        loop.add(key);
        failure = new Resolution.Loop(loop);
        return;
      }
      if (!isLocal(address.domain())) {
        offsite.add(address);
        return;
      }
      List<String> next = new ArrayList<>(chain);
      next.add(key);
      String local = address.local().toLowerCase(Locale.ROOT);
      // sendmail's user+detail: user+detail, then user+*, then user, in each table (proto.m4)
      List<String> forms = Subaddress.lookupForms(local);

      VirtualEntry v = first(forms, f -> virtual.get(f + "@" + address.domain()));
      if (v == null) {
        v = virtual.get("@" + address.domain());
      }
      if (v != null) {
        if (v.error() != null) {
          failure = new Resolution.Reject(v.error());
          return;
        }
        String user = Subaddress.user(address.local()); // %1 is the user without +detail
        for (String target : v.targets()) {
          expandText(target.replace("%1", user), next);
        }
        return;
      }

      Domain domain = hostedDomain(address.domain());
      if (domain != null) {
        List<String> alias = first(forms, domain.aliases()::get);
        if (alias != null) {
          alias.forEach(t -> expandText(t, next));
          return;
        }
        User user = first(forms, f -> domain.user(f).orElse(null));
        if (user != null) {
          deliverToUser(domain, user, next);
          return;
        }
      }
      if (Subaddress.user(local).equals("postmaster") && !key.equalsIgnoreCase(postmaster)) {
        expandText(postmaster, next);
        return;
      }
      if (domain != null && domain.catchAll() != null) {
        expandText(domain.catchAll(), next);
        return;
      }
      // Reached through an alias or forward, this is a dangling target: the validator reports
      // those; at run time the original recipient is refused rather than the mail lost.
      failure = new Resolution.Unknown(key, nearest(domain, local));
    }

    private void deliverToUser(Domain domain, User user, List<String> chain) {
      Mailbox own = new Mailbox(domain.name(), user.name());
      if (user.forward().isEmpty()) {
        mailboxes.add(own);
        return;
      }
      if (user.keepCopy()) {
        mailboxes.add(own);
      }
      for (String target : user.forward()) {
        if (target.equalsIgnoreCase(own.address())) {
          mailboxes.add(own);
        } else {
          expandText(target, chain);
        }
      }
    }

    private void expandText(String target, List<String> chain) {
      Optional<MailAddress> a = MailAddress.parse(target);
      if (a.isEmpty()) {
        failure = new Resolution.Unknown(target, null);
      } else {
        expand(a.get(), chain);
      }
    }
  }

  /** The first form that {@code lookup} finds, or null. */
  private static <T> T first(List<String> forms, Function<String, T> lookup) {
    for (String f : forms) {
      T found = lookup.apply(f);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The user or alias name closest to {@code local}, for "did you mean" hints. */
  private static String nearest(Domain domain, String local) {
    if (domain == null) {
      return null;
    }
    List<String> names = new ArrayList<>(domain.aliases().keySet());
    domain.users().forEach(u -> names.add(u.name()));
    return Similar.closest(local, names).map(n -> n + "@" + domain.name()).orElse(null);
  }
}
