package mxlab.imap.parse;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a command's arguments in order, by the grammar of RFC 3501 9: atoms, quoted strings and
 * literals (any string may be either, in any argument), lists, numbers, sequence sets, flags and
 * dates. Every method either consumes what it read or throws {@link ImapSyntaxException}.
 */
public final class Arguments {
  private static final Pattern LITERAL_AHEAD = Pattern.compile("~?\\{\\d{1,19}\\+?\\}$");
  private static final DateTimeFormatter DATE_TIME = caseInsensitive("d-MMM-uuuu HH:mm:ss Z");
  private static final DateTimeFormatter DATE = caseInsensitive("d-MMM-uuuu");

  private final List<RawCommand.Part> parts;
  private int part;
  private String text;
  private int pos;

  public Arguments(RawCommand command) {
    this.parts = command.parts();
    this.text = ((RawCommand.Text) parts.get(0)).text();
  }

  public static Arguments of(String line) {
    return new Arguments(new RawCommand(List.of(new RawCommand.Text(line))));
  }

  private static DateTimeFormatter caseInsensitive(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT); // 31-Feb is an error, not 28-Feb
  }

  // --- position

  public boolean atEnd() {
    return pos >= text.length() && part >= parts.size() - 1;
  }

  /** The next character, or 0 at the end of a line. */
  public char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  /** The atom ahead, not consumed ("" if none). */
  public String peekAtom() {
    int end = pos;
    while (end < text.length() && isAtomChar(text.charAt(end))) {
      end++;
    }
    return text.substring(pos, end);
  }

  public boolean tryChar(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  public void expect(char c) throws ImapSyntaxException {
    if (!tryChar(c)) {
      throw new ImapSyntaxException(
          "Expected '" + c + "'" + (pos < text.length() ? " at '" + rest() + "'" : ""));
    }
  }

  public void space() throws ImapSyntaxException {
    expect(' ');
  }

  /** Nothing may follow. */
  public void end() throws ImapSyntaxException {
    if (!atEnd()) {
      throw new ImapSyntaxException("Unexpected arguments: " + rest());
    }
  }

  private String rest() {
    String r = text.substring(Math.min(pos, text.length()));
    return r.length() > 40 ? r.substring(0, 40) + "..." : r;
  }

  // --- atoms and strings

  /** RFC 3501 9: atom = 1*ATOM-CHAR. */
  public String atom() throws ImapSyntaxException {
    int start = pos;
    while (pos < text.length() && isAtomChar(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw new ImapSyntaxException("Expected an atom" + (atEnd() ? "" : " at '" + rest() + "'"));
    }
    return text.substring(start, pos);
  }

  /** The tag: ASTRING-CHARs but "+" (RFC 3501 9). */
  public String tag() throws ImapSyntaxException {
    int start = pos;
    while (pos < text.length() && isAstringChar(text.charAt(pos)) && text.charAt(pos) != '+') {
      pos++;
    }
    if (pos == start) {
      throw new ImapSyntaxException("Missing tag");
    }
    return text.substring(start, pos);
  }

  /** astring = 1*ASTRING-CHAR / string, as text. */
  public String astring() throws ImapSyntaxException {
    if (isStringAhead()) {
      return new String(string(), StandardCharsets.UTF_8);
    }
    int start = pos;
    while (pos < text.length() && isAstringChar(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw new ImapSyntaxException("Expected a string" + (atEnd() ? "" : " at '" + rest() + "'"));
    }
    return text.substring(start, pos);
  }

  /** list-mailbox = 1*list-char / string: like astring, with the wildcards % and *. */
  public String listMailbox() throws ImapSyntaxException {
    if (isStringAhead()) {
      return new String(string(), StandardCharsets.UTF_8);
    }
    int start = pos;
    while (pos < text.length()
        && (isAstringChar(text.charAt(pos))
            || text.charAt(pos) == '%'
            || text.charAt(pos) == '*')) {
      pos++;
    }
    if (pos == start) {
      throw new ImapSyntaxException("Expected a mailbox pattern");
    }
    return text.substring(start, pos);
  }

  /** Whether a quoted string or a literal starts here. */
  public boolean isStringAhead() {
    return peek() == '"' || literalAhead();
  }

  private boolean literalAhead() {
    return part + 1 < parts.size()
        && (peek() == '{' || peek() == '~')
        && LITERAL_AHEAD.matcher(text).region(pos, text.length()).matches();
  }

  /** string = quoted / literal; the octets. */
  public byte[] string() throws ImapSyntaxException {
    if (literalAhead()) {
      return literal().octets();
    }
    if (peek() != '"') {
      throw new ImapSyntaxException("Expected a quoted string or a literal");
    }
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new ImapSyntaxException("Unterminated quoted string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString().getBytes(StandardCharsets.UTF_8);
      }
      if (c == '\\') {
        char next = pos < text.length() ? text.charAt(pos++) : 0;
        if (next != '"' && next != '\\') {
          throw new ImapSyntaxException("Invalid escape in quoted string");
        }
        c = next;
      }
      b.append(c);
    }
  }

  /** A literal (or literal8) here, its announcement consumed; the next line's text follows it. */
  public RawCommand.Literal literal() throws ImapSyntaxException {
    if (!literalAhead()) {
      throw new ImapSyntaxException("Expected a literal");
    }
    RawCommand.Literal l = (RawCommand.Literal) parts.get(part + 1);
    part += 2;
    text = part < parts.size() ? ((RawCommand.Text) parts.get(part)).text() : "";
    pos = 0;
    return l;
  }

  /** nstring = string / "NIL"; null for NIL. */
  public byte[] nstring() throws ImapSyntaxException {
    if (isStringAhead()) {
      return string();
    }
    String a = atom();
    if (!a.equalsIgnoreCase("NIL")) {
      throw new ImapSyntaxException("Expected a string or NIL");
    }
    return null;
  }

  // --- numbers, sets, flags, dates

  /** number = 1*DIGIT, 32 bits unsigned (RFC 3501 9). */
  public long number() throws ImapSyntaxException {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
      pos++;
    }
    if (pos == start || pos - start > 10) {
      throw new ImapSyntaxException("Expected a number");
    }
    long n = Long.parseLong(text.substring(start, pos));
    if (n > 0xFFFF_FFFFL) {
      throw new ImapSyntaxException("Number too large");
    }
    return n;
  }

  /** A 63-bit number: mod-sequence-valzer of RFC 7162 7 (0 allowed; callers refuse it if not). */
  public long number64() throws ImapSyntaxException {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start || pos - start > 19) {
      throw new ImapSyntaxException("Expected a number");
    }
    try {
      return Long.parseLong(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw new ImapSyntaxException("Number too large");
    }
  }

  public SequenceSet sequenceSet() throws ImapSyntaxException {
    int start = pos;
    while (pos < text.length() && "0123456789:,*$".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    return SequenceSet.parse(text.substring(start, pos));
  }

  /**
   * flag-list = "(" [flag *(SP flag)] ")"; for STORE a bare list without parentheses is read too,
   * as clients send it (RFC 3501 6.4.6 allows both).
   */
  public List<String> flags() throws ImapSyntaxException {
    List<String> flags = new ArrayList<>();
    boolean parenthesized = tryChar('(');
    if (parenthesized && tryChar(')')) {
      return flags;
    }
    while (true) {
      flags.add(flag());
      if (parenthesized && tryChar(')')) {
        return flags;
      }
      if (!parenthesized && (atEnd() || peek() != ' ')) {
        return flags;
      }
      space();
    }
  }

  /** flag = "\" atom (a system flag) / atom (a keyword); "\*" only in PERMANENTFLAGS. */
  private String flag() throws ImapSyntaxException {
    if (tryChar('\\')) {
      return "\\" + atom();
    }
    return atom();
  }

  /** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE. */
  public OffsetDateTime dateTime() throws ImapSyntaxException {
    String s = new String(string(), StandardCharsets.UTF_8).strip();
    try {
      return OffsetDateTime.parse(s, DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new ImapSyntaxException("Invalid date-time: " + s);
    }
  }

  /** date = date-text / DQUOTE date-text DQUOTE (SEARCH). */
  public LocalDate date() throws ImapSyntaxException {
    String s = isStringAhead() ? new String(string(), StandardCharsets.UTF_8) : atom();
    try {
      return LocalDate.parse(s, DATE);
    } catch (DateTimeException e) {
      throw new ImapSyntaxException("Invalid date: " + s);
    }
  }

  // RFC 3501 9: atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials /
  // resp-specials. Octets above 127 are let through: clients send UTF-8 names unquoted.
  static boolean isAtomChar(char c) {
    return c > 0x20 && c != 0x7f && "(){%*\"\\]".indexOf(c) < 0;
  }

  static boolean isAstringChar(char c) {
    return isAtomChar(c) || c == ']';
  }
}
