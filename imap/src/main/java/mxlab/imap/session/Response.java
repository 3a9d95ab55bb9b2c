package mxlab.imap.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Builds response octets by the grammar of RFC 3501 9: atoms, numbers, NIL, lists, and strings sent
 * quoted when they can be and as literals when they hold CR, LF, quote-specials or 8-bit octets, or
 * are long.
 */
public final class Response {
  /** Longer strings go as literals: a quoted string is one line of the reader's buffer. */
  private static final int MAX_QUOTED = 256;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
  private boolean needSpace;

  /** An untagged response: "* ...". */
  public static Response untagged() {
    return new Response().raw("*");
  }

  /** Text as it is, after a space if an item came before. */
  public Response atom(String atom) {
    separate();
    write(atom);
    needSpace = true;
    return this;
  }

  public Response number(long n) {
    return atom(Long.toString(n));
  }

  public Response nil() {
    return atom("NIL");
  }

  /** Text written without a separating space ("BODY[1]" right after its label, CRLF). */
  public Response raw(String text) {
    write(text);
    needSpace = true;
    return this;
  }

  public Response open() {
    separate();
    out.write('(');
    needSpace = false;
    return this;
  }

  /** The next item follows without a space: "(body)(body)", "(addr)(addr)" (RFC 3501 9). */
  public Response adjacent() {
    needSpace = false;
    return this;
  }

  public Response close() {
    out.write(')');
    needSpace = true;
    return this;
  }

  /** astring (RFC 3501 9): an atom when it can be one (a mailbox name as Dovecot sends it). */
  public Response astring(String s) {
    boolean atom = !s.isEmpty() && !s.equalsIgnoreCase("NIL");
    for (int i = 0; i < s.length() && atom; i++) {
      char c = s.charAt(i);
      atom = c > 0x20 && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0;
    }
    return atom ? atom(s) : string(s);
  }

  /** nstring (RFC 3501 9): NIL when absent. */
  public Response nstring(Optional<String> s) {
    return string(s.orElse(null));
  }

  public Response string(String s) {
    return s == null ? nil() : string(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A string, quoted or as a literal, whichever its octets allow. */
  public Response string(byte[] s) {
    if (s == null) {
      return nil();
    }
    if (!quotable(s)) {
      return literal(s);
    }
    separate();
    out.write('"');
    out.write(s, 0, s.length);
    out.write('"');
    needSpace = true;
    return this;
  }

  public Response literal(byte[] s) {
    separate();
    write("{" + s.length + "}\r\n");
    out.write(s, 0, s.length);
    needSpace = true;
    return this;
  }

  /** A literal8 (RFC 3516 4.3): any octets, NUL too. */
  public Response literal8(byte[] s) {
    separate();
    write("~{" + s.length + "}\r\n");
    out.write(s, 0, s.length);
    needSpace = true;
    return this;
  }

  /** A parenthesized list of strings, or NIL when empty. */
  public Response stringList(List<String> items) {
    if (items.isEmpty()) {
      return nil();
    }
    open();
    items.forEach(this::string);
    return close();
  }

  /** A parenthesized list of atoms (flags), "()" when empty. */
  public Response atomList(List<String> items) {
    open();
    items.forEach(this::atom);
    return close();
  }

  public byte[] line() {
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  private void separate() {
    if (needSpace) {
      out.write(' ');
    }
    needSpace = false;
  }

  private void write(String ascii) {
    byte[] b = ascii.getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  static boolean quotable(byte[] s) {
    if (s.length > MAX_QUOTED) {
      return false;
    }
    for (byte b : s) {
      if (b == '\r' || b == '\n' || b == '"' || b == '\\' || b == 0 || b < 0) {
        return false;
      }
    }
    return true;
  }
}
