package mxlab.core.spec.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.core.spec.Durations;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problems;
import mxlab.core.spec.Sizes;
import mxlab.core.text.Similar;

/**
 * Typed access to one YAML mapping that reports, with positions, every value of the wrong kind and
 * every key nobody asked for.
 */
final class Fields {
  private final Node.Mapping mapping;
  private final Location location;
  private final String where;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();

  private Fields(Node.Mapping mapping, Location location, String where, Problems problems) {
    this.mapping = mapping;
    this.location = location;
    this.where = where;
    this.problems = problems;
  }

  /** The mapping at {@code node}; a missing node reads as an empty mapping. */
  static Fields of(Node node, Location fallback, String where, Problems problems) {
    if (node instanceof Node.Mapping m) {
      return new Fields(m, m.location(), where, problems);
    }
    if (node != null && !(node instanceof Node.Scalar s && s.text() == null)) {
      problems.error(
          node.location(),
          where + " must be a mapping of 'key: value' lines, not " + node.kind(),
          "indent its keys under '" + where + ":'");
      return new Fields(null, node.location(), where, problems);
    }
    return new Fields(null, node == null ? fallback : node.location(), where, problems);
  }

  Location location() {
    return location;
  }

  String where() {
    return where;
  }

  Problems problems() {
    return problems;
  }

  boolean has(String key) {
    known.add(key);
    return node(key) != null;
  }

  /** The value of {@code key}, or null when absent or written as nothing. */
  Node node(String key) {
    known.add(key);
    if (mapping == null) {
      return null;
    }
    Node.Entry e = mapping.entries().get(key);
    if (e == null || (e.value() instanceof Node.Scalar s && s.text() == null)) {
      return null;
    }
    return e.value();
  }

  Location at(String key) {
    Node.Entry e = mapping == null ? null : mapping.entries().get(key);
    return e == null ? location : e.value().location();
  }

  /** Entries in file order, for mappings whose keys are data (aliases, access, virtual). */
  List<Node.Entry> entries() {
    return mapping == null ? List.of() : List.copyOf(mapping.entries().values());
  }

  String string(String key, String otherwise) {
    Node n = node(key);
    if (n == null) {
      return otherwise;
    }
    if (n instanceof Node.Scalar s) {
      return s.text();
    }
    problems.error(n.location(), where + "." + key + " must be a single value, not " + n.kind());
    return otherwise;
  }

  int integer(String key, int otherwise, int min, int max) {
    String text = string(key, null);
    if (text == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.error(
        at(key),
        where
            + "."
            + key
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", not '"
            + text
            + "'");
    return otherwise;
  }

  boolean bool(String key, boolean otherwise) {
    String text = string(key, null);
    if (text == null) {
      return otherwise;
    }
    switch (text.trim().toLowerCase()) {
      case "true", "yes", "on" -> {
        return true;
      }
      case "false", "no", "off" -> {
        return false;
      }
      default -> {
        problems.error(at(key), where + "." + key + " must be true or false, not '" + text + "'");
        return otherwise;
      }
    }
  }

  Duration duration(String key, Duration otherwise) {
    String text = string(key, null);
    if (text == null) {
      return otherwise;
    }
    Optional<Duration> d = Durations.parse(text);
    if (d.isEmpty()) {
      problems.error(
          at(key),
          where + "." + key + " is not a duration: '" + text + "'",
          "write a number with a unit, like 30s, 5m, 4h or 5d");
      return otherwise;
    }
    return d.get();
  }

  long size(String key, long otherwise) {
    String text = string(key, null);
    if (text == null) {
      return otherwise;
    }
    Optional<Long> n = Sizes.parse(text);
    if (n.isEmpty()) {
      problems.error(
          at(key),
          where + "." + key + " is not a size: '" + text + "'",
          "write bytes, like 1000000, or with a unit: 500kB, 1MB, 10MiB");
      return otherwise;
    }
    return n.get();
  }

  /** A list; a single value is read as a list of one. */
  List<Node> list(String key) {
    Node n = node(key);
    if (n == null) {
      return List.of();
    }
    if (n instanceof Node.Sequence seq) {
      return seq.items();
    }
    if (n instanceof Node.Scalar) {
      return List.of(n);
    }
    problems.error(n.location(), where + "." + key + " must be a list, not " + n.kind());
    return List.of();
  }

  /** Scalars of a list, reporting items that are not single values. */
  List<Scalars.Item> strings(String key) {
    List<Scalars.Item> out = new ArrayList<>();
    for (Node n : list(key)) {
      if (n instanceof Node.Scalar s && s.text() != null) {
        out.add(new Scalars.Item(s.text(), s.location()));
      } else {
        problems.error(n.location(), where + "." + key + " items must be single values");
      }
    }
    return out;
  }

  /** Reports every key that was never asked for, suggesting the closest known one. */
  void finish() {
    if (mapping == null) {
      return;
    }
    for (Node.Entry e : mapping.entries().values()) {
      if (!known.contains(e.key())) {
        problems.error(
            e.keyLocation(),
            "unknown key '" + e.key() + "' in " + where,
            suggestion(e.key(), known));
      }
    }
  }

  static String suggestion(String wrong, Set<String> choices) {
    return Similar.closest(wrong, choices)
        .map(best -> "did you mean '" + best + "'?")
        .orElse("known keys here: " + String.join(", ", choices));
  }

  /** A child mapping, in file order of its entries. */
  Map<String, Node.Entry> mappingEntries(String key) {
    Map<String, Node.Entry> out = new LinkedHashMap<>();
    Fields child = Fields.of(node(key), at(key), where + "." + key, problems);
    for (Node.Entry e : child.entries()) {
      out.put(e.key(), e);
    }
    return out;
  }
}
