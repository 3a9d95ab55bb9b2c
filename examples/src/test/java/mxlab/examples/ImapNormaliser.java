package mxlab.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command's responses reduced to what two correct IMAP servers must agree on: tags, status
 * conditions and response codes kept, the human text after them dropped; capability lists dropped
 * (each server has its own); strings in one notation whether sent quoted, as literals or as
 * literal8s (RFC 3516 4.3 wants a string for decoded 8-bit data without NUL, as mxlab sends it;
 * Dovecot sends a literal8 for any 8-bit data, and both must for a NUL); flag lists and FETCH items
 * sorted (their order is not significant, RFC 3501 7.4.2); untagged responses of a command sorted,
 * but EXPUNGE and EXISTS kept in their order (each renumbers the next ones).
 *
 * <p>Dropped: \Recent and RECENT (they belong to the one session that saw a message first, and the
 * servers' histories differ), and so LIST's \Marked and \Unmarked (RFC 3501 7.2.2: optional, and
 * about new messages); "* OK [HIGHESTMODSEQ n]" at SELECT and EXAMINE (RFC 7162 3.1.2.1: mxlab
 * keeps mod-sequences for every folder and so must send it; Dovecot sends it once CONDSTORE is
 * enabled, and each server counts its own mod-sequences); untagged CAPABILITY (a server may
 * volunteer it); "* OK [CLOSED]" (RFC 7162 3.2.11; Dovecot sends it whether or not QRESYNC was
 * enabled); FLAGS and PERMANENTFLAGS outside SELECT and EXAMINE (RFC 3501 7.2.6 lets a server
 * announce a new keyword at once, as Dovecot does, or at the next SELECT, as mxlab does). A display
 * name in raw UTF-8 is compared with the encoded word mxlab makes of it. UIDs in FETCH responses to
 * a command that asked for none: mxlab adds them to the FETCHes it sends unasked (RFC 3501 7.4.2
 * allows any items, and RFC 7162 3.2.4 requires them once CONDSTORE is on), Dovecot does not.
 *
 * <p>UIDVALIDITY values the servers were given in the same dovecot-uidlist are kept as they are;
 * any other (a folder created during the script) becomes V#1, V#2... in the order seen, since each
 * server chooses its own.
 */
final class ImapNormaliser {
  private static final Pattern STATUS =
      Pattern.compile("^(\\*|[^ +*]+) (OK|NO|BAD|BYE|PREAUTH)(?: \\[([^\\]]*)\\])?.*$");
  private static final Pattern UTF8_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]+)\\?=");
  private static final Pattern ATOM =
      Pattern.compile("[^\\s(){}%*\"\\\\\\]\\x00-\\x1f\\x7f-\\xff]+");

  private final Set<String> sharedValidities;
  private final Map<String, String> otherValidities = new HashMap<>();

  ImapNormaliser(Set<String> sharedValidities) {
    this.sharedValidities = sharedValidities;
  }

  /** COMMAND's RESPONSES, normalised. */
  List<String> normalise(String command, List<String> responses) {
    boolean selecting = command.matches("(?i)(SELECT|EXAMINE) .*");
    boolean uids = command.toUpperCase(Locale.ROOT).contains("UID");
    List<String> lines = new ArrayList<>();
    for (String response : responses) {
      if (!selecting && response.matches("\\* (FLAGS|OK \\[PERMANENTFLAGS) .*")) {
        continue;
      }
      String line = line(response, uids);
      if (line != null) {
        lines.add(new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
      }
    }
    if (lines.size() > 1) {
      List<String> untagged = new ArrayList<>(lines.subList(0, lines.size() - 1));
      untagged.sort(Comparator.comparing(l -> l.matches("\\* \\d+ (EXPUNGE|EXISTS)") ? "* ~" : l));
      untagged.add(lines.get(lines.size() - 1));
      return untagged;
    }
    return lines;
  }

  private String line(String response, boolean uids) {
    if (response.startsWith("+")) {
      return "+"; // a continuation's text is for humans too
    }
    Matcher status = STATUS.matcher(response);
    if (status.matches()) {
      if (response.startsWith("* OK [CLOSED]") || response.startsWith("* OK [HIGHESTMODSEQ ")) {
        return null;
      }
      String code = status.group(3) == null ? null : code(status.group(3));
      return status.group(1) + " " + status.group(2) + (code == null ? "" : " [" + code + "]");
    }
    if (response.startsWith("* CAPABILITY ")) {
      return null;
    }
    if (response.startsWith("* ID ")) {
      return "* ID";
    }
    if (response.matches("\\* \\d+ RECENT")) {
      return null;
    }
    List<Object> tokens = new Tokens(response).list(')');
    if (tokens.size() > 3 && word(tokens, 2, "FETCH") && tokens.get(3) instanceof List<?> items) {
      tokens.set(3, fetchItems(items, uids));
    } else if (tokens.size() > 2 && word(tokens, 1, "FLAGS")) {
      tokens.set(2, flags((List<?>) tokens.get(2)));
    } else if (tokens.size() > 2 && (word(tokens, 1, "LIST") || word(tokens, 1, "LSUB"))) {
      List<Object> attributes = flags((List<?>) tokens.get(2));
      attributes.removeIf(a -> a instanceof Atom f && f.text().matches("(?i)\\\\(Un)?Marked"));
      tokens.set(2, attributes);
    } else if (tokens.size() > 3 && word(tokens, 1, "STATUS")) {
      tokens.set(3, pairs((List<?>) tokens.get(3)));
    }
    return print(tokens);
  }

  /**
   * A response code: [CAPABILITY ...] dropped as the lists are; flags sorted, UIDVALIDITYs named.
   */
  private String code(String code) {
    String[] words = code.split(" ");
    return switch (words[0].toUpperCase()) {
      case "CAPABILITY" -> null;
      case "PERMANENTFLAGS" ->
          "PERMANENTFLAGS " + print(List.of(flags(new Tokens(code).list(')').get(1))));
      case "UIDVALIDITY", "APPENDUID", "COPYUID" -> {
        words[1] = validity(words[1]);
        yield String.join(" ", words);
      }
      default -> code;
    };
  }

  private String validity(String value) {
    if (sharedValidities.contains(value)) {
      return value;
    }
    return otherValidities.computeIfAbsent(value, v -> "V#" + (otherValidities.size() + 1));
  }

  private static boolean word(List<Object> tokens, int i, String word) {
    return tokens.get(i) instanceof Atom a && a.text().equalsIgnoreCase(word);
  }

  private List<Object> fetchItems(List<?> items, boolean uids) {
    List<List<Object>> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < items.size(); i += 2) {
      Object name = items.get(i);
      Object value = items.get(i + 1);
      if (!uids && name instanceof Atom a && a.text().equalsIgnoreCase("UID")) {
        continue;
      }
      if (name instanceof Atom a && a.text().equalsIgnoreCase("FLAGS")) {
        value = flags((List<?>) value);
      }
      pairs.add(List.of(name, value));
    }
    pairs.sort(Comparator.comparing(p -> print(List.of(p.get(0))).toUpperCase()));
    List<Object> sorted = new ArrayList<>();
    pairs.forEach(sorted::addAll);
    return sorted;
  }

  private List<Object> pairs(List<?> items) {
    List<List<Object>> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < items.size(); i += 2) {
      Object value = items.get(i + 1);
      if (items.get(i) instanceof Atom a && a.text().equalsIgnoreCase("UIDVALIDITY")) {
        value = new Atom(validity(((Atom) value).text()));
      }
      pairs.add(List.of(items.get(i), value));
    }
    pairs.sort(Comparator.comparing(p -> print(List.of(p.get(0))).toUpperCase()));
    List<Object> sorted = new ArrayList<>();
    pairs.forEach(sorted::addAll);
    return sorted;
  }

  /** A flag list sorted, without \Recent (see the class comment). */
  private static List<Object> flags(Object list) {
    List<Object> flags = new ArrayList<>();
    for (Object f : (List<?>) list) {
      if (!(f instanceof Atom a && a.text().equalsIgnoreCase("\\Recent"))) {
        flags.add(f);
      }
    }
    flags.sort(Comparator.comparing(f -> print(List.of(f)).toUpperCase()));
    return flags;
  }

  private static String print(List<?> tokens) {
    StringBuilder out = new StringBuilder();
    for (Object t : tokens) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      if (t instanceof List<?> list) {
        out.append('(').append(print(list)).append(')');
      } else if (t instanceof Atom a) {
        out.append(a.text());
      } else {
        String s = utf8Word(((Str) t).text());
        if (ATOM.matcher(s).matches() && !s.equalsIgnoreCase("NIL")) {
          out.append(s);
        } else {
          out.append('"')
              .append(
                  s.replace("\\", "\\\\")
                      .replace("\"", "\\\"")
                      .replace("\r", "\\r")
                      .replace("\n", "\\n"))
              .append('"');
        }
      }
    }
    return out.toString();
  }

  /**
   * A string that is one "=?UTF-8?B?...?=" word, as its text: mxlab gives a display name written in
   * raw UTF-8 to an IMAP4rev1 client so, in ASCII, Dovecot as it is; the same name.
   */
  private static String utf8Word(String s) {
    Matcher m = UTF8_WORD.matcher(s);
    if (!m.matches()) {
      return s;
    }
    // as the other strings here: one char an octet
    return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.ISO_8859_1);
  }

  record Atom(String text) {}

  record Str(String text) {}

  /** IMAP response syntax: atoms (with [section] parts), quoted strings, literals, lists. */
  private static final class Tokens {
    private final String s;
    private int pos;

    Tokens(String s) {
      this.s = s;
    }

    List<Object> list(char close) {
      List<Object> items = new ArrayList<>();
      while (true) {
        while (pos < s.length() && s.charAt(pos) == ' ') {
          pos++;
        }
        if (pos >= s.length()) {
          return items;
        }
        char c = s.charAt(pos);
        if (c == close) {
          pos++;
          return items;
        } else if (c == '(') {
          pos++;
          items.add(list(')'));
        } else if (c == '"') {
          items.add(quoted());
        } else if (c == '{') {
          items.add(literal());
        } else if (c == '~' && s.startsWith("~{", pos)) {
          pos++; // a literal8 (RFC 3516 4.3)
          items.add(literal());
        } else {
          items.add(atom());
        }
      }
    }

    private Str quoted() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (s.charAt(pos) != '"') {
        if (s.charAt(pos) == '\\') {
          pos++;
        }
        out.append(s.charAt(pos++));
      }
      pos++;
      return new Str(out.toString());
    }

    private Str literal() {
      int end = s.indexOf('}', pos);
      int length = Integer.parseInt(s.substring(pos + 1, end).replace("+", ""));
      int start = end + 3; // past "}\r\n"
      pos = start + length;
      return new Str(s.substring(start, pos));
    }

    private Atom atom() {
      int start = pos;
      while (pos < s.length() && " ()".indexOf(s.charAt(pos)) < 0) {
        if (s.charAt(pos) == '[') {
          pos = s.indexOf(']', pos);
        }
        pos++;
      }
      return new Atom(s.substring(start, pos));
    }
  }
}
