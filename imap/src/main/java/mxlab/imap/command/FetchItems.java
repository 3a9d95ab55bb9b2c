package mxlab.imap.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mxlab.imap.mime.Section;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;

/** The data items of a FETCH (RFC 3501 6.4.5), macros expanded. */
final class FetchItems {
  private static final List<String> MACROS = List.of("ALL", "FAST", "FULL");
  private static final List<String> SIMPLE =
      List.of(
          "FLAGS",
          "INTERNALDATE",
          "RFC822.SIZE",
          "UID",
          "ENVELOPE",
          "BODYSTRUCTURE",
          "BODY",
          "RFC822",
          "RFC822.HEADER",
          "RFC822.TEXT",
          "MODSEQ"); // RFC 7162 3.1.5

  private FetchItems() {}

  /** A FETCH item. */
  sealed interface Item {}

  /** An item named by its atom alone. */
  record Simple(String name) implements Item {}

  /**
   * BODY[section]&lt;origin.count&gt; or BODY.PEEK[...]; {@code origin} is -1 without a partial.
   */
  record Body(boolean peek, Section section, long origin, long count) implements Item {}

  /**
   * BINARY[part]&lt;origin.count&gt;, BINARY.PEEK[...] or BINARY.SIZE[part] (RFC 3516 4.2); {@code
   * origin} is -1 without a partial, which BINARY.SIZE never has.
   */
  record Binary(boolean peek, boolean size, Section section, long origin, long count)
      implements Item {}

  static List<Item> read(Arguments args) throws ImapSyntaxException {
    List<Item> items = new ArrayList<>();
    if (args.tryChar('(')) {
      while (!args.tryChar(')')) {
        if (!items.isEmpty()) {
          args.space();
        }
        item(args, items, false);
      }
    } else {
      item(args, items, true);
    }
    return items;
  }

  /** One item; the macros ALL, FAST and FULL only alone, not in a list (RFC 3501 9, "fetch"). */
  private static void item(Arguments args, List<Item> items, boolean alone)
      throws ImapSyntaxException {
    String atom = args.atom().toUpperCase(Locale.ROOT);
    if (!alone && MACROS.contains(atom)) {
      throw new ImapSyntaxException(atom + " is a macro: write it alone, not in parentheses");
    }
    switch (atom) {
      case "ALL" -> simple(items, "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE");
      case "FAST" -> simple(items, "FLAGS", "INTERNALDATE", "RFC822.SIZE");
      case "FULL" -> simple(items, "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY");
      default -> {
        if (SIMPLE.contains(atom)) {
          items.add(new Simple(atom));
        } else if (atom.startsWith("BODY[") || atom.startsWith("BODY.PEEK[")) {
          items.add(body(args, atom));
        } else if (atom.startsWith("BINARY[")
            || atom.startsWith("BINARY.PEEK[")
            || atom.startsWith("BINARY.SIZE[")) {
          items.add(binary(args, atom));
        } else {
          throw new ImapSyntaxException("Unknown FETCH item " + atom);
        }
      }
    }
  }

  private static void simple(List<Item> items, String... names) {
    for (String n : names) {
      items.add(new Simple(n));
    }
  }

  private static Body body(Arguments args, String atom) throws ImapSyntaxException {
    boolean peek = atom.startsWith("BODY.PEEK[");
    String text = atom.substring(atom.indexOf('[') + 1);
    if (text.startsWith(".") || text.endsWith(".")) {
      throw new ImapSyntaxException("Invalid section " + text);
    }
    List<Integer> path = new ArrayList<>();
    String[] levels = text.isEmpty() ? new String[0] : text.split("\\.", -1);
    int i = 0;
    for (;
        i < levels.length && !levels[i].isEmpty() && levels[i].chars().allMatch(Character::isDigit);
        i++) {
      int n;
      try {
        n = Integer.parseInt(levels[i]);
      } catch (NumberFormatException e) {
        throw new ImapSyntaxException("Invalid section part");
      }
      if (n < 1) {
        throw new ImapSyntaxException("Invalid section part");
      }
      path.add(n);
    }
    String specifier = String.join(".", Arrays.copyOfRange(levels, i, levels.length));
    List<String> fields = new ArrayList<>();
    switch (specifier) {
      case "", "TEXT", "HEADER" -> {}
      case "MIME" -> {
        if (path.isEmpty()) {
          throw new ImapSyntaxException("MIME needs a part number");
        }
      }
      case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
        args.space();
        args.expect('(');
        while (!args.tryChar(')')) {
          if (!fields.isEmpty()) {
            args.space();
          }
          fields.add(args.astring());
        }
        if (fields.isEmpty()) {
          throw new ImapSyntaxException("HEADER.FIELDS needs field names");
        }
      }
      default -> throw new ImapSyntaxException("Invalid section " + specifier);
    }
    args.expect(']');
    long[] partial = partial(args);
    return new Body(peek, new Section(path, specifier, fields), partial[0], partial[1]);
  }

  /**
   * section-binary = "[" [section-part] "]" (RFC 3516 7): part numbers only, since a header has no
   * transfer encoding to undo; and a part, since the message itself is no leaf (RFC 9051 6.4.5).
   */
  private static Binary binary(Arguments args, String atom) throws ImapSyntaxException {
    boolean size = atom.startsWith("BINARY.SIZE[");
    String text = atom.substring(atom.indexOf('[') + 1);
    if (text.isEmpty()) {
      throw new ImapSyntaxException("BINARY needs a part number: the message itself is no leaf");
    }
    List<Integer> path = new ArrayList<>();
    for (String level : text.split("\\.", -1)) {
      if (level.isEmpty()
          || level.length() > 9
          || !level.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new ImapSyntaxException("BINARY takes part numbers only, not " + text);
      }
      int n = Integer.parseInt(level);
      if (n < 1) {
        throw new ImapSyntaxException("Invalid section part");
      }
      path.add(n);
    }
    args.expect(']');
    long[] partial = size ? new long[] {-1, -1} : partial(args);
    return new Binary(
        atom.startsWith("BINARY.PEEK["),
        size,
        new Section(path, "", List.of()),
        partial[0],
        partial[1]);
  }

  /** "&lt;origin.count&gt;" if it follows (RFC 3501 9, "section"), else {-1, -1}. */
  private static long[] partial(Arguments args) throws ImapSyntaxException {
    long origin = -1;
    long count = -1;
    if (args.peek() == '<') {
      String partial = args.atom();
      int dot = partial.indexOf('.');
      if (!partial.endsWith(">") || dot < 0) {
        throw new ImapSyntaxException("Invalid partial " + partial);
      }
      try {
        origin = Long.parseLong(partial.substring(1, dot));
        count = Long.parseLong(partial.substring(dot + 1, partial.length() - 1));
      } catch (NumberFormatException e) {
        throw new ImapSyntaxException("Invalid partial " + partial);
      }
      if (origin < 0 || count < 1) {
        throw new ImapSyntaxException("Invalid partial " + partial);
      }
    }
    return new long[] {origin, count};
  }
}
