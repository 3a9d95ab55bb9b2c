package mxlab.core.spec;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The port of every service; {@link #OFF} disables one. Port 0 asks the system for a free port
 * (tests and side-by-side runs).
 */
public final class Ports {
  public static final int OFF = -1;

  private final Map<Service, Integer> ports;

  private Ports(Map<Service, Integer> ports) {
    this.ports = ports;
  }

  public static Ports defaults() {
    EnumMap<Service, Integer> map = new EnumMap<>(Service.class);
    for (Service s : Service.values()) {
      map.put(s, s.defaultPort());
    }
    return new Ports(map);
  }

  /** A port as written in specs and on the command line: 0 to 65535, or "off". */
  public static Optional<Integer> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("off") || t.equals("false") || t.equals("no")) {
      return Optional.of(OFF);
    }
    if (t.matches("\\d{1,5}") && Integer.parseInt(t) <= 65535) {
      return Optional.of(Integer.parseInt(t));
    }
    return Optional.empty();
  }

  public int port(Service service) {
    return ports.get(service);
  }

  public boolean enabled(Service service) {
    return port(service) != OFF;
  }

  public Ports with(Service service, int port) {
    EnumMap<Service, Integer> map = new EnumMap<>(ports);
    map.put(service, port);
    return new Ports(map);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ports p && p.ports.equals(ports);
  }

  @Override
  public int hashCode() {
    return ports.hashCode();
  }

  @Override
  public String toString() {
    return ports.toString();
  }
}
