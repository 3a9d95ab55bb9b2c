package mxlab.mailauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message split into its header fields and its body (RFC 5322 2.1), with CRLF line ends whatever
 * it was stored with: the form DKIM canonicalizes (RFC 6376 3.4 works on CRLF lines).
 *
 * @param fields top to bottom
 * @param body the octets after the empty line, CRLF line ends
 */
public record MailMessage(List<Field> fields, byte[] body) {
  /**
   * One header field as it stands, folded lines and all.
   *
   * @param raw the whole field, lines joined with CRLF, without the last CRLF
   */
  public record Field(String name, String raw) {
    /** The part after the colon, unfolded. */
    public String value() {
      return raw.substring(raw.indexOf(':') + 1).replace("\r\n", "");
    }

    public boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  public MailMessage {
    fields = List.copyOf(fields);
  }

  public static MailMessage parse(byte[] message) {
    try {
      return read(new java.io.ByteArrayInputStream(message), false);
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory cannot fail", e);
    }
  }

  /**
   * Reads a message; with {@code skipFirstLine} the first line (a spool file's Return-Path) is not
   * part of it.
   */
  public static MailMessage read(InputStream in, boolean skipFirstLine) throws IOException {
    byte[] all = in.readAllBytes();
    int pos = 0;
    if (skipFirstLine) {
      while (pos < all.length && all[pos] != '\n') {
        pos++;
      }
      pos = Math.min(all.length, pos + 1);
    }
    List<Field> fields = new ArrayList<>();
    StringBuilder current = null;
    while (pos < all.length) {
      int end = pos;
      while (end < all.length && all[end] != '\n') {
        end++;
      }
      int lineEnd = end > pos && all[end - 1] == '\r' ? end - 1 : end;
      // Latin-1 maps each octet to one char and back: 8-bit header octets survive for hashing
      String line = new String(all, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      pos = Math.min(all.length, end + 1);
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
        current.append("\r\n").append(line);
        continue;
      }
      if (current != null) {
        fields.add(field(current.toString()));
      }
      current = new StringBuilder(line);
    }
    if (current != null) {
      fields.add(field(current.toString()));
    }
    return new MailMessage(fields, crlf(all, pos));
  }

  private static Field field(String raw) {
    int colon = raw.indexOf(':');
    String name = colon < 0 ? raw : raw.substring(0, colon);
    return new Field(name.strip(), raw);
  }

  /** The rest of {@code all} from {@code pos}, with every bare LF made CRLF. */
  private static byte[] crlf(byte[] all, int pos) {
    int bare = 0;
    for (int i = pos; i < all.length; i++) {
      if (all[i] == '\n' && (i == pos || all[i - 1] != '\r')) {
        bare++;
      }
    }
    byte[] out = new byte[all.length - pos + bare];
    int n = 0;
    for (int i = pos; i < all.length; i++) {
      if (all[i] == '\n' && (i == pos || all[i - 1] != '\r')) {
        out[n++] = '\r';
      }
      out[n++] = all[i];
    }
    return out;
  }

  /** The fields named {@code name}, top to bottom. */
  public List<Field> all(String name) {
    return fields.stream().filter(f -> f.is(name)).toList();
  }

  /** The domain of the one address in the one From field, or null (RFC 7489 6.6.1). */
  public String fromDomain() {
    List<Field> from = all("From");
    if (from.size() != 1) {
      return null;
    }
    String v = from.get(0).value();
    int lt = v.lastIndexOf('<');
    String address = lt >= 0 ? v.substring(lt + 1, Math.max(lt + 1, v.indexOf('>', lt))) : v;
    address = address.strip();
    int at = address.lastIndexOf('@');
    if (at < 0 || address.contains(",")) {
      return null;
    }
    String domain = address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
  }
}
