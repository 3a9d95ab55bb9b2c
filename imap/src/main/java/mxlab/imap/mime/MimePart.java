package mxlab.imap.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.ContentUtil;

/**
 * One MIME entity of a message in CRLF form, as mime4j reads it: its header fields, its type, and
 * its parts (a multipart's body parts, a message/rfc822's message). Each part keeps its own octets,
 * exactly as they are in the message, so that sections (RFC 3501 6.4.5) are the message's octets
 * and sizes are CRLF octets.
 */
public final class MimePart {
  /** Deeper nesting is read as opaque: a message cannot make us recurse without end. */
  private static final int MAX_DEPTH = 30;

  private static final MimeConfig CONFIG =
      new MimeConfig.Builder()
          .setMaxLineLen(-1)
          .setMaxHeaderCount(-1)
          .setMaxHeaderLen(-1)
          .setMaxContentLen(-1)
          .setStrictParsing(false)
          .build();

  private final byte[] entity;
  private final int headerLength;
  private final List<Field> fields;
  private final String type;
  private final String subtype;
  private final List<NameValuePair> parameters;
  private final List<MimePart> parts;
  private final MimePart message;

  private MimePart(
      byte[] entity,
      int headerLength,
      List<Field> fields,
      String type,
      String subtype,
      List<NameValuePair> parameters,
      List<MimePart> parts,
      MimePart message) {
    this.entity = entity;
    this.headerLength = headerLength;
    this.fields = fields;
    this.type = type;
    this.subtype = subtype;
    this.parameters = parameters;
    this.parts = parts;
    this.message = message;
  }

  /** Parses a whole message (CRLF line ends). */
  public static MimePart parse(byte[] crlf) {
    return parse(crlf, false, 0);
  }

  private static MimePart parse(byte[] entity, boolean inDigest, int depth) {
    int headerLength = headerLength(entity);
    List<Field> fields = new ArrayList<>();
    List<byte[]> rawParts = new ArrayList<>();
    BodyDescriptor body = null;
    boolean multipart = false;
    MimeTokenStream stream = new MimeTokenStream(CONFIG);
    stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
    stream.parse(new ByteArrayInputStream(entity));
    try {
      for (EntityState s = stream.getState();
          s != EntityState.T_END_OF_STREAM && s != EntityState.T_END_MESSAGE;
          s = stream.next()) {
        switch (s) {
          case T_FIELD -> fields.add(stream.getField());
          case T_START_MULTIPART -> {
            body = stream.getBodyDescriptor();
            multipart = true;
            stream.setRecursionMode(RecursionMode.M_RAW); // each part whole, parsed below
          }
          case T_RAW_ENTITY -> rawParts.add(stream.getInputStream().readAllBytes());
          case T_BODY -> body = stream.getBodyDescriptor();
          default -> {}
        }
      }
    } catch (IOException | MimeException e) {
      // a message mime4j cannot read to the end: what was read stands, as a client would show it
    }
    String type = "text";
    String subtype = "plain";
    List<NameValuePair> parameters = List.of();
    Optional<Field> contentType = find(fields, "Content-Type");
    if (contentType.isPresent() && body != null && body.getMediaType() != null) {
      type = body.getMediaType();
      subtype = body.getSubType();
      parameters = parameters(contentType.get());
    } else if (inDigest) {
      type = "message"; // RFC 2046 5.1.5
      subtype = "rfc822";
    }
    List<MimePart> parts = new ArrayList<>();
    MimePart message = null;
    boolean deep = depth >= MAX_DEPTH;
    if (multipart && !deep) {
      boolean digest = subtype.equalsIgnoreCase("digest");
      for (byte[] raw : rawParts) {
        parts.add(parse(raw, digest, depth + 1));
      }
    } else if (type.equals("message") && subtype.equals("rfc822") && !deep) {
      byte[] inner = new byte[entity.length - headerLength];
      System.arraycopy(entity, headerLength, inner, 0, inner.length);
      message = parse(inner, false, depth + 1);
    }
    if (!multipart) {
      rawParts.clear();
    }
    return new MimePart(
        entity,
        headerLength,
        List.copyOf(fields),
        type.toLowerCase(Locale.ROOT),
        subtype.toLowerCase(Locale.ROOT),
        parameters,
        multipart ? List.copyOf(parts) : List.of(),
        message);
  }

  /** The header ends with its first empty line (RFC 5322 2.1); none: it is all header. */
  private static int headerLength(byte[] e) {
    if (e.length >= 2 && e[0] == '\r' && e[1] == '\n') {
      return 2;
    }
    for (int i = 0; i + 3 < e.length; i++) {
      if (e[i] == '\r' && e[i + 1] == '\n' && e[i + 2] == '\r' && e[i + 3] == '\n') {
        return i + 4;
      }
    }
    return e.length;
  }

  static List<NameValuePair> parameters(Field field) {
    RawField raw = field instanceof RawField r ? r : new RawField(field.getName(), field.getBody());
    RawBody body = AS_WRITTEN.parseRawBody(raw);
    return List.copyOf(body.getParams());
  }

  /**
   * mime4j's field parser with quoted parameter values as written: mime4j decodes an RFC 2047
   * encoded word there ({@code name="=?UTF-8?B?...?="}), but BODYSTRUCTURE gives the parameters as
   * the message has them (RFC 3501 7.4.2), in ASCII, for the client to decode as it decodes RFC
   * 2231's. What it does otherwise is mime4j's: escapes taken out, CR and LF dropped.
   */
  private static final RawFieldParser AS_WRITTEN =
      new RawFieldParser() {
        @Override
        public void copyQuotedContent(ByteSequence buf, ParserCursor cursor, StringBuilder dst) {
          int pos = cursor.getPos();
          if (cursor.atEnd() || buf.byteAt(pos) != '"') {
            return;
          }
          ByteArrayBuffer value = new ByteArrayBuffer(cursor.getUpperBound() - pos);
          boolean escaped = false;
          for (pos++; pos < cursor.getUpperBound(); pos++) {
            byte b = buf.byteAt(pos);
            if (escaped) {
              if (b != '"' && b != '\\') {
                value.append('\\');
              }
              value.append(b);
              escaped = false;
            } else if (b == '"') {
              pos++;
              break;
            } else if (b == '\\') {
              escaped = true;
            } else if (b != '\r' && b != '\n') {
              value.append(b);
            }
          }
          dst.append(
              CharsetUtil.isASCII(value)
                  ? ContentUtil.decode(value)
                  : ContentUtil.decode(StandardCharsets.UTF_8, value));
          cursor.updatePos(pos);
        }
      };

  private static Optional<Field> find(List<Field> fields, String name) {
    return fields.stream().filter(f -> f.getName().equalsIgnoreCase(name)).findFirst();
  }

  // ------------------------------------------------------------------ facts

  public String type() {
    return type;
  }

  public String subtype() {
    return subtype;
  }

  public boolean isMultipart() {
    return type.equals("multipart");
  }

  public List<NameValuePair> parameters() {
    return parameters;
  }

  /** A multipart's body parts (RFC 3501 6.4.5 part numbers 1, 2, ...). */
  public List<MimePart> parts() {
    return parts;
  }

  /** The message a message/rfc822 part holds, or null. */
  public MimePart message() {
    return message;
  }

  public List<Field> fields() {
    return fields;
  }

  /** A header field's value, unfolded, as its octets are (UTF-8 if 8-bit); empty if missing. */
  public Optional<String> field(String name) {
    return find(fields, name).map(MimePart::value);
  }

  /** The values of every field of this name. */
  public List<String> fieldValues(String name) {
    return fields.stream()
        .filter(f -> f.getName().equalsIgnoreCase(name))
        .map(MimePart::value)
        .toList();
  }

  private static String value(Field f) {
    byte[] raw = raw(f);
    int colon = 0;
    while (colon < raw.length && raw[colon] != ':') {
      colon++;
    }
    StringBuilder b = new StringBuilder();
    String text =
        new String(
            raw,
            Math.min(colon + 1, raw.length),
            Math.max(0, raw.length - colon - 1),
            StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        b.append(c);
      }
    }
    return b.toString().strip();
  }

  static byte[] raw(Field f) {
    if (f.getRaw() != null) {
      return f.getRaw().toByteArray();
    }
    return (f.getName() + ": " + f.getBody()).getBytes(StandardCharsets.UTF_8);
  }

  /** The whole entity: header and body. */
  public byte[] entity() {
    return entity;
  }

  /** The header with its closing empty line. */
  public byte[] header() {
    byte[] h = new byte[headerLength];
    System.arraycopy(entity, 0, h, 0, headerLength);
    return h;
  }

  public byte[] body() {
    byte[] b = new byte[entity.length - headerLength];
    System.arraycopy(entity, headerLength, b, 0, b.length);
    return b;
  }

  /** The body's size in octets (BODYSTRUCTURE body-fld-octets). */
  public int bodySize() {
    return entity.length - headerLength;
  }

  /**
   * The body's lines (body-fld-lines): its line ends, since a line is what a CRLF ends (RFC 5322
   * 2.1). Text after the last one, as before a boundary's CRLF, is no line: Dovecot, Cyrus and
   * UW-IMAP count so too.
   */
  public int bodyLines() {
    int lines = 0;
    for (int i = headerLength; i < entity.length; i++) {
      if (entity[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** The octets mime4j and every clone of it hold in memory for this part: for the cache. */
  long weight() {
    long w = entity.length;
    for (MimePart p : parts) {
      w += p.weight();
    }
    return message == null ? w : w + message.weight();
  }
}
