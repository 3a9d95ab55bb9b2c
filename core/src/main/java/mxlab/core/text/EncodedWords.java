package mxlab.core.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the encoded-words of RFC 2047 in unstructured header text such as a Subject: {@code
 * =?utf-8?B?7JWI64WV?=} is "안녕". Both encodings (B, Q), any charset Java knows. A word that is
 * malformed (bad base64 or hex, an unknown charset) is left as it is, as RFC 2047 section 6.3
 * allows.
 */
public final class EncodedWords {
  /**
   * RFC 2047 section 2: {@code =?charset?encoding?encoded-text?=}; the charset may carry an RFC
   * 2231 section 5 language ({@code utf-8*ko}); encoded-text is printable ASCII but "?" and space.
   */
  private static final Pattern WORD =
      Pattern.compile(
          "=\\?([^?*\\s]+)(?:\\*[^?\\s]*)?\\?([bBqQ])\\?([\\x21-\\x3e\\x40-\\x7e]*)\\?=");

  private EncodedWords() {}

  /** {@code text} (an unfolded field body) with its encoded-words decoded. */
  public static String decode(String text) {
    if (!text.contains("=?")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    Run run = null; // the bytes of adjacent words in one charset, decoded together
    String space = ""; // whitespace seen since the last token
    int i = 0;
    while (i < text.length()) {
      int start = i;
      if (isSpace(text.charAt(i))) {
        while (i < text.length() && isSpace(text.charAt(i))) {
          i++;
        }
        space = text.substring(start, i);
        continue;
      }
      while (i < text.length() && !isSpace(text.charAt(i))) {
        i++;
      }
      String token = text.substring(start, i);
      Optional<Run> words = words(token);
      if (words.isEmpty()) {
        flush(out, run);
        run = null;
        out.append(space).append(token);
      } else if (run != null && run.charset.equals(words.get().charset)) {
        // RFC 2047 section 6.2: whitespace between adjacent encoded-words is not displayed.
        run.append(words.get());
      } else {
        flush(out, run);
        out.append(run == null ? space : "");
        run = words.get();
      }
      space = "";
    }
    flush(out, run);
    return out.append(space).toString();
  }

  /** A token made of one or more encoded-words only, or empty if it is any other text. */
  private static Optional<Run> words(String token) {
    Matcher m = WORD.matcher(token);
    Run run = null;
    int at = 0;
    while (at < token.length()) {
      if (!m.find(at) || m.start() != at) {
        return Optional.empty();
      }
      Optional<Charset> charset = charset(m.group(1));
      Optional<byte[]> bytes =
          m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : quoted(m.group(3));
      if (charset.isEmpty() || bytes.isEmpty()) {
        return Optional.empty();
      }
      Run word = new Run(charset.get(), bytes.get());
      if (run == null) {
        run = word;
      } else if (run.charset.equals(word.charset)) {
        run.append(word);
      } else {
        return Optional.empty(); // words in two charsets glued together: too odd to guess
      }
      at = m.end();
    }
    return Optional.ofNullable(run);
  }

  private static void flush(StringBuilder out, Run run) {
    if (run != null) {
      out.append(run.charset.decode(ByteBuffer.wrap(run.bytes.toByteArray())));
    }
  }

  /**
   * The charset a label names, read as its superset where mailers label one with the other, as the
   * WHATWG Encoding Standard (section 4.2) does: Korean Outlook's "ks_c_5601-1987" is really
   * windows-949, whose Hangul EUC-KR lacks.
   */
  private static Optional<Charset> charset(String label) {
    String name =
        switch (label.toLowerCase(Locale.ROOT)) {
          case "euc-kr", "ks_c_5601-1987" -> "x-windows-949";
          case "gb2312" -> "GBK";
          case "us-ascii", "iso-8859-1" -> "windows-1252";
          default -> label;
        };
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  /** RFC 2047 section 4.1: the "B" encoding is base64. */
  private static Optional<byte[]> base64(String text) {
    try {
      return Optional.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** RFC 2047 section 4.2: "=XX" is an octet in hex, "_" a space, the rest is itself. */
  private static Optional<byte[]> quoted(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        bytes.write(' ');
      } else if (c != '=') {
        bytes.write(c);
      } else if (i + 2 < text.length()
          && Character.digit(text.charAt(i + 1), 16) >= 0
          && Character.digit(text.charAt(i + 2), 16) >= 0) {
        bytes.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(bytes.toByteArray());
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Adjacent words of one charset decode as one: mailers split long subjects between the bytes of a
   * character, though RFC 2047 section 5 says not to.
   */
  private static final class Run {
    final Charset charset;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Run(Charset charset, byte[] first) {
      this.charset = charset;
      bytes.writeBytes(first);
    }

    void append(Run next) {
      bytes.writeBytes(next.bytes.toByteArray());
    }
  }
}
