package mxlab.smtp.policy;

import java.util.Locale;

/**
 * A header field a message hook wants gone before the message is stored: by name, and the first
 * word of its value. RFC 8601 5: Authentication-Results that claim our own authserv-id, sent in by
 * a client, are removed so that only ours carry it.
 */
public record FieldRemoval(String name, String firstWord) {
  /** Whether {@code field} (its lines joined, without line ends) is one to remove. */
  public boolean matches(String field) {
    int colon = field.indexOf(':');
    if (colon < 0 || !field.substring(0, colon).strip().equalsIgnoreCase(name)) {
      return false;
    }
    String value = field.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
    String word = firstWord.toLowerCase(Locale.ROOT);
    return value.startsWith(word)
        && (value.length() == word.length()
            || value.charAt(word.length()) == ';'
            || Character.isWhitespace(value.charAt(word.length())));
  }
}
