package mxlab.core.spec.write;

/** A value of a spec to be written: a scalar, a list or a mapping. */
public sealed interface YamlNode permits YamlScalar, YamlCollection {

  /** How a list or mapping is laid out. */
  enum Style {
    /** One entry a line, indented. */
    BLOCK,
    /** On one line, in brackets or braces. */
    FLOW,
    /** On one line where that stays short (and holds no comments), else one entry a line. */
    AUTO
  }
}
