package mxlab.core.spec.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/** A list to be written, with comments on its items where wanted. */
public final class YamlList extends YamlCollection<YamlList> {
  private final List<Entry> items = new ArrayList<>();

  public YamlList() {
    super(Style.AUTO);
  }

  /** A list of the texts, each quoted as YAML needs. */
  public static YamlList of(Collection<String> texts) {
    YamlList list = new YamlList();
    texts.forEach(list::add);
    return list;
  }

  public YamlList add(YamlNode value) {
    items.add(new Entry(null, value, Comments.NONE));
    return this;
  }

  public YamlList add(String text) {
    return add(YamlScalar.of(text));
  }

  @Override
  List<Entry> entries() {
    return List.copyOf(items);
  }

  @Override
  void annotateLast(UnaryOperator<Comments> change) {
    if (items.isEmpty()) {
      throw new IllegalStateException("add an item before its comment");
    }
    Entry last = items.get(items.size() - 1);
    items.set(items.size() - 1, last.with(change.apply(last.comments())));
  }

  @Override
  YamlList self() {
    return this;
  }
}
