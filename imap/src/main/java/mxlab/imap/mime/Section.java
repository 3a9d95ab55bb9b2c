package mxlab.imap.mime;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.stream.Field;

/**
 * A body section of FETCH (RFC 3501 6.4.5): part numbers, then HEADER, HEADER.FIELDS (NOT), TEXT or
 * MIME, or nothing for the whole part.
 *
 * @param path part numbers, empty for the message itself
 * @param specifier "", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT" or "MIME"
 * @param fields the field names of HEADER.FIELDS (NOT)
 */
public record Section(List<Integer> path, String specifier, List<String> fields) {
  public Section {
    path = List.copyOf(path);
    fields = List.copyOf(fields);
  }

  /** The section's octets, or null when the message has no such part. */
  public byte[] extract(MimePart message) {
    MimePart part = part(message);
    if (part == null) {
      return null;
    }
    if (specifier.equals("MIME")) {
      return path.isEmpty() ? null : part.header();
    }
    if (specifier.isEmpty()) {
      return path.isEmpty() ? part.entity() : part.body();
    }
    // HEADER and TEXT are of a message: the top one, or the one a message/rfc822 part holds
    MimePart m = path.isEmpty() ? message : part.message();
    if (m == null) {
      return null;
    }
    return switch (specifier) {
      case "HEADER" -> m.header();
      case "TEXT" -> m.body();
      default -> headerFields(m, specifier.equals("HEADER.FIELDS"));
    };
  }

  /**
   * The content of the part the path names with its Content-Transfer-Encoding undone (BINARY, RFC
   * 3516 4.2), or null when the message has no such part.
   */
  public byte[] decoded(MimePart message) throws UndecodablePartException {
    MimePart part = part(message);
    return part == null ? null : TransferDecoding.decode(part);
  }

  /** The part the path names (the message itself for no path), or null when there is none. */
  private MimePart part(MimePart message) {
    MimePart part = message;
    for (int n : path) {
      part = child(part, n, part == message);
      if (part == null) {
        return null;
      }
    }
    return part;
  }

  /**
   * Part {@code n} of a part: of a multipart, its n-th body part; of a message (the top one or a
   * message/rfc822's), its body's part n, where a body that is not multipart is part 1.
   */
  private static MimePart child(MimePart part, int n, boolean top) {
    MimePart body = top ? part : part.message() != null ? part.message() : part;
    if (body.isMultipart()) {
      return n >= 1 && n <= body.parts().size() ? body.parts().get(n - 1) : null;
    }
    boolean message = top || part.message() != null;
    return message && n == 1 ? body : null;
  }

  private byte[] headerFields(MimePart m, boolean include) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Field f : m.fields()) {
      boolean listed = fields.stream().anyMatch(n -> n.equalsIgnoreCase(f.getName()));
      if (listed == include) {
        byte[] raw = MimePart.raw(f);
        out.write(raw, 0, raw.length);
        out.write('\r');
        out.write('\n');
      }
    }
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  /** As the FETCH response names it: "1.2.HEADER.FIELDS (FROM TO)". */
  public String label() {
    StringBuilder b = new StringBuilder();
    for (int n : path) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(n);
    }
    if (!specifier.isEmpty()) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(specifier);
    }
    if (specifier.startsWith("HEADER.FIELDS")) {
      b.append(" (");
      b.append(String.join(" ", fields.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList()));
      b.append(')');
    }
    return b.toString();
  }
}
