package mxlab.core.spec.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lays a tree out as YAML text: block mappings and lists indented by two, short lists and mappings
 * on one line where their style allows, comments above entries and aligned at the end of lines.
 */
final class YamlEmitter {
  /** Longer one-line lists and mappings are laid out in blocks (lines stay readable and short). */
  static final int MAX_FLOW = 160;

  /** Where end-of-line comments start, unless the line is longer. */
  static final int COMMENT_COLUMN = 32;

  private final StringBuilder out = new StringBuilder();

  /** The document: header comment lines, then the top-level keys with a blank line between. */
  static String document(List<String> header, YamlMap top) {
    YamlEmitter e = new YamlEmitter();
    header.forEach(line -> e.comment(0, line));
    boolean first = true;
    for (Entry entry : top.entries()) {
      if (!first) {
        e.out.append('\n');
      }
      first = false;
      e.entry(0, entry);
    }
    return e.out.toString();
  }

  /** A key and its value, or a list item ("- value"). */
  private void entry(int indent, Entry e) {
    e.comments().above().forEach(line -> comment(indent, line));
    String trailing = e.comments().trailing();
    if (e.key() != null) {
      value(indent, spaces(indent) + key(e.key()) + ":", e.value(), trailing);
      return;
    }
    String dash = spaces(indent) + "-";
    if (inline(e.value()).isEmpty() && e.value() instanceof YamlMap m) {
      // the first key shares the dash's line: "- name: test"
      List<Entry> entries = m.entries();
      Entry first = entries.get(0);
      first.comments().above().forEach(line -> comment(indent + 2, line));
      value(
          indent + 2,
          dash + " " + key(first.key()) + ":",
          first.value(),
          trailing != null ? trailing : first.comments().trailing());
      entries.subList(1, entries.size()).forEach(next -> entry(indent + 2, next));
      return;
    }
    value(indent, dash, e.value(), trailing);
  }

  /** {@code head} (" key:" or " -") and the value: on the same line, or indented below. */
  private void value(int indent, String head, YamlNode v, String trailing) {
    Optional<String> inline = inline(v);
    if (inline.isPresent()) {
      line(head + " " + inline.get(), trailing);
      return;
    }
    line(head, trailing);
    ((YamlCollection<?>) v).entries().forEach(e -> entry(indent + 2, e));
  }

  /** The value on one line, if it is a scalar, empty, or a list or mapping whose style allows. */
  private static Optional<String> inline(YamlNode v) {
    if (v instanceof YamlScalar s) {
      return Optional.of(s.written());
    }
    YamlCollection<?> c = (YamlCollection<?>) v;
    return switch (c.isEmpty() ? YamlNode.Style.FLOW : c.style()) {
      case BLOCK -> Optional.empty();
      case FLOW -> flow(v);
      case AUTO -> flow(v).filter(text -> text.length() <= MAX_FLOW);
    };
  }

  /** The one-line form, unless something inside wants blocks or carries a comment. */
  private static Optional<String> flow(YamlNode v) {
    if (v instanceof YamlScalar s) {
      return Optional.of(s.written());
    }
    YamlCollection<?> c = (YamlCollection<?>) v;
    if (c.style() == YamlNode.Style.BLOCK && !c.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (Entry e : c.entries()) {
      Optional<String> value = flow(e.value());
      if (value.isEmpty() || !e.comments().isEmpty()) {
        return Optional.empty();
      }
      parts.add(e.key() == null ? value.get() : key(e.key()) + ": " + value.get());
    }
    if (c instanceof YamlList) {
      return Optional.of("[" + String.join(", ", parts) + "]");
    }
    return Optional.of(parts.isEmpty() ? "{}" : "{ " + String.join(", ", parts) + " }");
  }

  private static String key(String key) {
    return YamlScalar.of(key).written();
  }

  private void comment(int indent, String text) {
    for (String line : text.split("\n", -1)) {
      out.append(spaces(indent)).append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
  }

  private void line(String text, String trailing) {
    out.append(text);
    if (trailing != null) {
      out.append(" ".repeat(Math.max(2, COMMENT_COLUMN - text.length())));
      out.append("# ").append(trailing.replace('\n', ' '));
    }
    out.append('\n');
  }

  private static String spaces(int n) {
    return " ".repeat(n);
  }
}
