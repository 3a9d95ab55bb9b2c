package mxlab.bridge.sendmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads sendmail's text files: lists, maps of "key value" lines, and aliases. */
final class SendmailFiles {
  private SendmailFiles() {}

  /** Lines without comments and blanks; an absent file is empty. */
  static List<String> lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        out.add(t);
      }
    }
    return out;
  }

  /** A makemap source: key, whitespace, value. */
  static Map<String, String> map(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines(file)) {
      String[] kv = line.split("\\s+", 2);
      out.put(kv[0], kv.length > 1 ? kv[1].strip() : "");
    }
    return out;
  }

  /** /etc/aliases: "name: a, b", continued on lines that start with whitespace (aliases(5)). */
  static Map<String, List<String>> aliases(Path file) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    String current = null;
    StringBuilder value = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && current != null) {
        value.append(',').append(line.strip());
        continue;
      }
      if (current != null) {
        out.put(current, split(value.toString()));
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        current = null;
        continue;
      }
      current = line.substring(0, colon).strip().toLowerCase();
      value = new StringBuilder(line.substring(colon + 1));
    }
    if (current != null) {
      out.put(current, split(value.toString()));
    }
    return out;
  }

  /**
   * Targets are separated by commas; a list with no comma, semicolon, angle bracket or parenthesis
   * is separated by spaces, as sendmail's sendtolist reads it ("admin: master sorin suse").
   */
  private static List<String> split(String targets) {
    String delimiters = targets.matches("(?s).*[,;<(].*") ? "," : "\\s+";
    List<String> out = new ArrayList<>();
    for (String t : targets.split(delimiters)) {
      if (!t.isBlank()) {
        out.add(t.strip());
      }
    }
    return out;
  }
}
