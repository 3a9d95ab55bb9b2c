package mxlab.core.spec.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mxlab.core.spec.Location;

/** A YAML node that remembers where it was written, so every error can point at it. */
sealed interface Node {
  Location location();

  /** What the node is called in messages: "a mapping", "a list", "a value". */
  String kind();

  /**
   * The items of a list; any other node as a list of one (YAML lets one value stand for a list).
   */
  static List<Node> items(Node node) {
    return node instanceof Sequence s ? s.items() : List.of(node);
  }

  /** A scalar; {@code text} is null for an explicit or empty null. */
  record Scalar(String text, Location location) implements Node {
    @Override
    public String kind() {
      return text == null ? "nothing" : "a value";
    }
  }

  record Sequence(List<Node> items, Location location) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  record Mapping(LinkedHashMap<String, Entry> entries, Location location) implements Node {
    @Override
    public String kind() {
      return "a mapping";
    }

    public Map<String, Entry> view() {
      return entries;
    }
  }

  /** A key with its own location and its value. */
  record Entry(String key, Location keyLocation, Node value) {}
}
