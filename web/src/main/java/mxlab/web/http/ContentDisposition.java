package mxlab.web.http;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with a file name any browser saves safely (RFC 6266 4.3):
 * an ASCII {@code filename} with every other character replaced, for old clients, and where that
 * changed it the real UTF-8 name as {@code filename*} (RFC 8187, formerly 5987), percent-encoded so
 * that no quote, CR, LF or semicolon from a sender can end the header value or add a parameter.
 */
public final class ContentDisposition {
  private static final String FALLBACK = "attachment";

  private ContentDisposition() {}

  public static String attachment(String filename) {
    String name = filename == null ? "" : safeName(filename);
    if (name.isEmpty()) {
      return "attachment; filename=\"" + FALLBACK + "\"";
    }
    String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "_");
    String fallback = "attachment; filename=\"" + ascii + "\"";
    return ascii.equals(name) ? fallback : fallback + "; filename*=UTF-8''" + percentEncoded(name);
  }

  /** The last path segment, without control characters: a name, never a place to write to. */
  private static String safeName(String filename) {
    String base =
        filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    return base.replaceAll("\\p{Cntrl}", "").strip();
  }

  /** RFC 8187 3.2.1: attr-char stays, every other octet of the UTF-8 form is %XX. */
  private static String percentEncoded(String s) {
    StringBuilder b = new StringBuilder();
    for (byte octet : s.getBytes(StandardCharsets.UTF_8)) {
      int c = octet & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
