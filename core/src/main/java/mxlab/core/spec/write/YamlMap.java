package mxlab.core.spec.write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A mapping of one {@link Section} to be written. Its keys come out in the section's documented
 * order, whatever order they are put in; a key the section does not have is refused at once.
 */
public final class YamlMap extends YamlCollection<YamlMap> {
  private final Section section;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private String last;

  public YamlMap(Section section) {
    super(Style.BLOCK);
    this.section = section;
  }

  /** Puts {@code key}, replacing an earlier value of it (and its comments). */
  public YamlMap put(String key, YamlNode value) {
    section.rank(key); // an unknown key fails here, where it was written
    entries.put(key, new Entry(key, value, Comments.NONE));
    last = key;
    return this;
  }

  public YamlMap put(String key, String text) {
    return put(key, YamlScalar.of(text));
  }

  public YamlMap put(String key, long number) {
    return put(key, YamlScalar.of(number));
  }

  public YamlMap put(String key, boolean value) {
    return put(key, YamlScalar.of(value));
  }

  /** The entries in the documented order of the section (data keys as they were put). */
  @Override
  List<Entry> entries() {
    List<Entry> out = new ArrayList<>(entries.values());
    out.sort(Comparator.comparingInt(e -> section.rank(e.key())));
    return out;
  }

  @Override
  void annotateLast(UnaryOperator<Comments> change) {
    if (last == null) {
      throw new IllegalStateException("put a key before its comment");
    }
    Entry e = entries.get(last);
    entries.put(last, e.with(change.apply(e.comments())));
  }

  @Override
  YamlMap self() {
    return this;
  }
}
