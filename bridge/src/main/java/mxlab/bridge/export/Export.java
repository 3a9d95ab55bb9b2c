package mxlab.bridge.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a classic server needs for a spec, by relative name, and what the target cannot express
 * (reported, never silently dropped).
 */
public final class Export {
  private final Map<String, String> files = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final String header;

  /**
   * @param header the first comment line of every file, naming the spec
   */
  Export(String header) {
    this.header = header;
  }

  /** A file whose comment lines start with {@code comment} ("#", ";", "dnl #"). */
  void file(String name, String comment, String content) {
    files.put(name, comment + " " + header + "\n" + content);
  }

  /** A file whose format has no comments (maps whose every line is data). */
  void rawFile(String name, String content) {
    files.put(name, content);
  }

  void note(String text) {
    notes.add(text);
  }

  public Map<String, String> files() {
    return files;
  }

  public List<String> notes() {
    return notes;
  }
}
