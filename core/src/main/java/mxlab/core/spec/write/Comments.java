package mxlab.core.spec.write;

import java.util.List;

/**
 * What is said about one entry: comment lines above it and a comment at the end of its line.
 *
 * @param trailing the end-of-line comment, or null
 */
record Comments(List<String> above, String trailing) {
  static final Comments NONE = new Comments(List.of(), null);

  Comments {
    above = List.copyOf(above);
  }

  Comments withAbove(List<String> lines) {
    return new Comments(lines, trailing);
  }

  Comments withTrailing(String text) {
    return new Comments(above, text);
  }

  boolean isEmpty() {
    return above.isEmpty() && trailing == null;
  }
}
