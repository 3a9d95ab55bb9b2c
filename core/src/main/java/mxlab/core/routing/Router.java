package mxlab.core.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.core.address.DomainNames;
import mxlab.core.address.MailAddress;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;
import mxlab.core.spec.VirtualEntry;
import mxlab.core.text.Similar;

/**
 * Where mail for an address goes, like sendmail's local-host-names, virtusertable, aliases and
 * .forward together. Order: virtual (exact, then {@code @domain}, error entries) → the domain's
 * aliases → the user's forward → the user's mailbox; postmaster is always accepted (RFC 5321
 * 4.5.1); then the domain's catch_all; else unknown.
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

      VirtualEntry v = virtual.get(key);
      if (v == null) {
        v = virtual.get("@" + address.domain());
      }
      if (v != null) {
        if (v.error() != null) {
          failure = new Resolution.Reject(v.error());
          return;
        }
        for (String target : v.targets()) {
          expandText(target.replace("%1", address.local()), next);
        }
        return;
      }

      Domain domain = hosted.get(address.domain());
      if (domain == null && address.domain().equals(hostname) && hostnameDomain != null) {
        domain = hosted.get(hostnameDomain);
      }
      if (domain != null) {
        List<String> alias = domain.aliases().get(local);
        if (alias != null) {
          alias.forEach(t -> expandText(t, next));
          return;
        }
        Optional<User> user = domain.user(local);
        if (user.isPresent()) {
          deliverToUser(domain, user.get(), next);
          return;
        }
      }
      if (local.equals("postmaster") && !key.equalsIgnoreCase(postmaster)) {
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
