package mxlab.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * A message's flags: system flags and keywords. Keywords compare case-insensitively (RFC 3501
 * 2.3.2), keeping the spelling they were first given.
 */
public final class Flags {
  public static final Flags NONE = new Flags(EnumSet.noneOf(Flag.class), new TreeMap<>());

  private final Set<Flag> system;
  private final TreeMap<String, String> keywords; // lower case -> as given

  private Flags(Set<Flag> system, TreeMap<String, String> keywords) {
    this.system = Collections.unmodifiableSet(system);
    this.keywords = keywords;
  }

  public static Flags of(Flag... flags) {
    EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
    Collections.addAll(set, flags);
    return new Flags(set, new TreeMap<>());
  }

  /** From IMAP names: "\Seen" and friends are system flags, the rest keywords. */
  public static Flags parse(List<String> names) {
    EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
    TreeMap<String, String> kw = new TreeMap<>();
    for (String n : names) {
      Flag.ofImapName(n).ifPresentOrElse(set::add, () -> kw.putIfAbsent(lower(n), n));
    }
    return new Flags(set, kw);
  }

  public boolean has(Flag f) {
    return system.contains(f);
  }

  public boolean hasKeyword(String keyword) {
    return keywords.containsKey(lower(keyword));
  }

  public Set<Flag> system() {
    return system;
  }

  /** The keywords as first spelled, in case-insensitive order. */
  public List<String> keywords() {
    return List.copyOf(keywords.values());
  }

  public Flags with(Flag f) {
    EnumSet<Flag> set = copy();
    set.add(f);
    return new Flags(set, keywords);
  }

  public Flags plus(Flags other) {
    EnumSet<Flag> set = copy();
    set.addAll(other.system);
    TreeMap<String, String> kw = new TreeMap<>(keywords);
    other.keywords.forEach(kw::putIfAbsent);
    return new Flags(set, kw);
  }

  public Flags minus(Flags other) {
    EnumSet<Flag> set = copy();
    set.removeAll(other.system);
    TreeMap<String, String> kw = new TreeMap<>(keywords);
    other.keywords.keySet().forEach(kw::remove);
    return new Flags(set, kw);
  }

  private EnumSet<Flag> copy() {
    return system.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(system);
  }

  /** IMAP names, system flags first: "\Seen \Answered $Forwarded". */
  public List<String> imapNames() {
    List<String> out = new ArrayList<>();
    system.forEach(f -> out.add(f.imapName()));
    out.addAll(keywords.values());
    return out;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Flags f
        && f.system.equals(system)
        && f.keywords.keySet().equals(keywords.keySet());
  }

  @Override
  public int hashCode() {
    return system.hashCode() * 31 + keywords.keySet().hashCode();
  }

  @Override
  public String toString() {
    return String.join(" ", imapNames());
  }
}
