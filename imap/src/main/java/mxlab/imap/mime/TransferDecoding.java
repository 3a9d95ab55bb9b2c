package mxlab.imap.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * A leaf part's body with its Content-Transfer-Encoding undone (RFC 2045 6): base64 and
 * quoted-printable decoded leniently (a stray character is skipped, as mail readers do), 7bit, 8bit
 * and binary as they are.
 */
final class TransferDecoding {
  private TransferDecoding() {}

  static byte[] decode(MimePart part) throws UndecodablePartException {
    boolean message =
        part.type().equals("message")
            && (part.subtype().equals("rfc822") || part.subtype().equals("global"));
    if (part.isMultipart() || message) {
      // message/rfc822 and multipart/* must be 7bit, 8bit or binary, and hold parts of their own
      throw new UndecodablePartException(
          "BINARY needs a leaf part, not " + part.type() + "/" + part.subtype(), false);
    }
    String encoding = encoding(part);
    return switch (encoding) {
      case "7bit", "8bit", "binary" -> part.body();
      case "base64" ->
          read(new Base64InputStream(new ByteArrayInputStream(part.body()), DecodeMonitor.SILENT));
      case "quoted-printable" ->
          read(
              new QuotedPrintableInputStream(
                  new ByteArrayInputStream(part.body()), DecodeMonitor.SILENT));
      default ->
          throw new UndecodablePartException("Unknown Content-Transfer-Encoding " + encoding, true);
    };
  }

  /** The encoding named, lower case; 7bit when the field is missing or empty (RFC 2045 6.1). */
  private static String encoding(MimePart part) {
    String value = part.field("Content-Transfer-Encoding").orElse("");
    int comment = value.indexOf('(');
    if (comment >= 0) {
      value = value.substring(0, comment);
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    return value.isEmpty() ? "7bit" : value;
  }

  private static byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: the decoders are lenient and cannot fail so
    }
  }
}
