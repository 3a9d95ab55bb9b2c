package mxlab.core.spec.write;

import java.util.List;
import java.util.function.UnaryOperator;

/** What lists and mappings share: a layout, and comments on the entry added last. */
public abstract sealed class YamlCollection<T extends YamlCollection<T>> implements YamlNode
    permits YamlList, YamlMap {
  private Style style;

  YamlCollection(Style style) {
    this.style = style;
  }

  public T style(Style newStyle) {
    this.style = newStyle;
    return self();
  }

  /** Comment lines above the entry added last. */
  public T above(String... lines) {
    annotateLast(c -> c.withAbove(List.of(lines)));
    return self();
  }

  /** A comment at the end of the line of the entry added last. */
  public T comment(String text) {
    annotateLast(c -> c.withTrailing(text));
    return self();
  }

  public boolean isEmpty() {
    return entries().isEmpty();
  }

  Style style() {
    return style;
  }

  /** The entries in the order they are written. */
  abstract List<Entry> entries();

  abstract void annotateLast(UnaryOperator<Comments> change);

  abstract T self();
}
