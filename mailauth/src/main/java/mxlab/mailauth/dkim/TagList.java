package mxlab.mailauth.dkim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A tag=value list (RFC 6376 3.2), as in DKIM-Signature fields and key records: names are case
 * sensitive, whitespace around names and values is folding and goes; a tag given twice makes the
 * list invalid.
 */
public record TagList(Map<String, String> tags) {
  public static Optional<TagList> parse(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String spec : text.split(";", -1)) {
      String s = spec.replace("\r\n", "");
      if (s.isBlank()) {
        continue; // an empty spec after the last ';' is allowed
      }
      int eq = s.indexOf('=');
      if (eq < 0) {
        return Optional.empty();
      }
      String name = s.substring(0, eq).strip();
      if (!name.matches("[A-Za-z][A-Za-z0-9_]*") || tags.containsKey(name)) {
        return Optional.empty();
      }
      tags.put(name, s.substring(eq + 1).strip());
    }
    return Optional.of(new TagList(Map.copyOf(tags)));
  }

  public String get(String name) {
    return tags.get(name);
  }

  public String get(String name, String otherwise) {
    return tags.getOrDefault(name, otherwise);
  }

  /** A value with all whitespace removed (base64 in b=, bh=, p= may be folded anywhere). */
  public String compact(String name) {
    String v = tags.get(name);
    return v == null ? null : v.replaceAll("[ \t\r\n]", "");
  }
}
