package mxlab.mailauth.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The two canonicalization algorithms of RFC 6376 3.4, for header fields and for the body. */
public enum Canonicalization {
  SIMPLE("simple"),
  RELAXED("relaxed");

  private final String tag;

  Canonicalization(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  public static Canonicalization of(String tag) {
    for (Canonicalization c : values()) {
      if (c.tag.equalsIgnoreCase(tag)) {
        return c;
      }
    }
    return null;
  }

  /** One header field (raw, CRLF-folded, without its last CRLF), with its CRLF (3.4.1, 3.4.2). */
  public String header(String raw) {
    if (this == SIMPLE) {
      return raw + "\r\n";
    }
    int colon = raw.indexOf(':');
    String name = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = raw.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
    return name + ":" + value + "\r\n";
  }

  /** The body (CRLF lines), canonicalized (3.4.3, 3.4.4). */
  public byte[] body(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (!text.isEmpty() && !text.endsWith("\r\n")) {
      text += "\r\n";
    }
    StringBuilder out = new StringBuilder(text.length());
    if (this == RELAXED) {
      for (String line : text.split("\r\n", -1)) {
        out.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
      }
      out.setLength(out.length() - 2); // split's last piece is after the final CRLF
    } else {
      out.append(text);
    }
    // trailing empty lines go; simple keeps one CRLF even for an empty body
    while (out.length() >= 4 && out.substring(out.length() - 4).equals("\r\n\r\n")) {
      out.setLength(out.length() - 2);
    }
    if (out.length() == 2 && out.toString().equals("\r\n")) {
      out.setLength(0);
    }
    if (this == SIMPLE && out.length() == 0) {
      out.append("\r\n");
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(out.length());
    b.writeBytes(out.toString().getBytes(StandardCharsets.ISO_8859_1));
    return b.toByteArray();
  }
}
