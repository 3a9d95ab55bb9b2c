package mxlab.core.spec.write;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One value as it is written: plain where YAML reads it back as the same text, quoted where it
 * would not (a leading {@code @} or brace, a colon, text that YAML 1.1 takes for a number, a
 * boolean or null, ...).
 *
 * @param written the text as it goes into the file; {@link #of(String)} quotes what needs it
 */
public record YamlScalar(String written) implements YamlNode {
  /** SnakeYAML's resolvers (YAML 1.1), which the spec's reader uses. */
  private static final Pattern NOT_A_STRING =
      Pattern.compile(
          "(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
              + "|~|null|Null|NULL|<<|="
              + "|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
              + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
              + "|[-+]?(?:\\.[0-9]+|[0-9_]+(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
              + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))");

  /** Characters a plain scalar may hold, in block and in flow context alike. */
  private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}._/+=$%~^;()*<>!?@ _-]+");

  /** Characters a plain scalar may not start with (YAML 1.2 5.3, indicators). */
  private static final String NOT_FIRST = "-?:,[]{}#&*!|>'\"%@`<=~ ";

  public static YamlScalar of(String text) {
    return new YamlScalar(plain(text) ? text : quoted(text));
  }

  public static YamlScalar of(long number) {
    return new YamlScalar(Long.toString(number));
  }

  public static YamlScalar of(boolean value) {
    return new YamlScalar(Boolean.toString(value));
  }

  static boolean plain(String text) {
    return !text.isEmpty()
        && NOT_FIRST.indexOf(text.charAt(0)) < 0
        && !text.endsWith(" ")
        && PLAIN.matcher(text).matches()
        && !NOT_A_STRING.matcher(text).matches();
  }

  /** Single quotes where that needs no escapes (they take {@code "} as it is), else double. */
  static String quoted(String text) {
    if (text.indexOf('"') >= 0 && text.indexOf('\'') < 0 && printable(text)) {
      return "'" + text + "'";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static boolean printable(String text) {
    return text.chars().noneMatch(Character::isISOControl);
  }
}
