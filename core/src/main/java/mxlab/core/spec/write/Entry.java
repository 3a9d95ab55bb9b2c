package mxlab.core.spec.write;

/** One entry of a mapping, or one item of a list ({@code key} null), with what is said about it. */
record Entry(String key, YamlNode value, Comments comments) {
  Entry with(Comments newComments) {
    return new Entry(key, value, newComments);
  }
}
