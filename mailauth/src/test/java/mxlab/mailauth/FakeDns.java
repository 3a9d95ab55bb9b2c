package mxlab.mailauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A zone in memory, for table tests: records by name and type; some names fail to answer. */
public final class FakeDns implements MailDns {
  private final Map<String, List<String>> records = new HashMap<>();
  private final Set<String> failing = new HashSet<>();
  public int queries;

  public FakeDns txt(String name, String... texts) {
    return add(name, "TXT", texts);
  }

  public FakeDns a(String name, String... addresses) {
    return add(name, "A", addresses);
  }

  public FakeDns aaaa(String name, String... addresses) {
    return add(name, "AAAA", addresses);
  }

  public FakeDns mx(String name, String... hosts) {
    return add(name, "MX", hosts);
  }

  public FakeDns ptr(String address, String... names) {
    return add(address, "PTR", names);
  }

  /** Every question about {@code name} times out. */
  public FakeDns failing(String name) {
    failing.add(key(name, ""));
    return this;
  }

  private FakeDns add(String name, String type, String... values) {
    records.computeIfAbsent(key(name, type), k -> new ArrayList<>()).addAll(List.of(values));
    return this;
  }

  private static String key(String name, String type) {
    String n = name.toLowerCase(Locale.ROOT);
    return (n.endsWith(".") ? n.substring(0, n.length() - 1) : n) + " " + type;
  }

  private List<String> get(String name, String type) throws DnsFailure {
    queries++;
    if (failing.contains(key(name, ""))) {
      throw new DnsFailure("timeout for " + name);
    }
    return records.getOrDefault(key(name, type), List.of());
  }

  @Override
  public List<String> txt(String name) throws DnsFailure {
    return get(name, "TXT");
  }

  @Override
  public List<InetAddress> addresses(String name, boolean v6) throws DnsFailure {
    List<InetAddress> out = new ArrayList<>();
    for (String s : get(name, v6 ? "AAAA" : "A")) {
      try {
        out.add(InetAddress.getByName(s));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(s, e);
      }
    }
    return out;
  }

  @Override
  public List<String> mx(String name) throws DnsFailure {
    return get(name, "MX");
  }

  @Override
  public List<String> ptr(InetAddress address) throws DnsFailure {
    return get(address.getHostAddress(), "PTR");
  }
}
