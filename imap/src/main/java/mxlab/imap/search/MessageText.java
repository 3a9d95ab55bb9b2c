package mxlab.imap.search;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import mxlab.imap.mime.MimePart;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.stream.NameValuePair;

/**
 * A message's text as a search compares it (RFC 3501 6.4.4: case-insensitive substrings): header
 * values with encoded words decoded, bodies with their transfer encoding and charset decoded.
 */
final class MessageText {
  private MessageText() {}

  static boolean contains(String haystack, String needle) {
    return haystack != null
        && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  static String decodeHeader(String value) {
    return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
  }

  /** Whether any text part (of any nesting) contains {@code needle}. */
  static boolean bodyContains(MimePart p, String needle) {
    if (p.isMultipart()) {
      return p.parts().stream().anyMatch(c -> bodyContains(c, needle));
    }
    if (p.message() != null) {
      return bodyContains(p.message(), needle) || headerContains(p.message(), needle);
    }
    return contains(decodedBody(p), needle);
  }

  static boolean headerContains(MimePart p, String needle) {
    return p.fields().stream()
        .anyMatch(f -> contains(decodeHeader(p.field(f.getName()).orElse("")), needle));
  }

  private static String decodedBody(MimePart p) {
    String encoding = p.field("Content-Transfer-Encoding").orElse("7bit").toLowerCase(Locale.ROOT);
    try (InputStream raw = new ByteArrayInputStream(p.body());
        InputStream in =
            switch (encoding) {
              case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
              case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
              default -> raw;
            }) {
      return new String(in.readAllBytes(), charset(p));
    } catch (IOException e) {
      return new String(p.body(), StandardCharsets.UTF_8);
    }
  }

  private static Charset charset(MimePart p) {
    for (NameValuePair n : p.parameters()) {
      if (n.getName().equalsIgnoreCase("charset") && n.getValue() != null) {
        try {
          return Charset.forName(n.getValue());
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8; // us-ascii by RFC 2045, and UTF-8 reads it the same
  }
}
