package mxlab.web.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.text.EncodedWords;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A stored message as a reader sees it: the header fields decoded (RFC 2047 words, raw UTF-8 as
 * SMTPUTF8 sends it), the first plain-text and HTML bodies in their charsets, and the other parts
 * as attachments. Nothing here is escaped: the pages escape what they show.
 */
public final class MessageView {
  private static final int MAX_DEPTH = 20;

  /** One header field, unfolded and decoded. */
  public record Header(String name, String value) {}

  /** A part that is not one of the bodies shown: its number for download, its name and type. */
  public record Attachment(int index, String filename, String mimeType, long size) {}

  private final List<Header> headers;
  private String text;
  private String html;
  private final List<Attachment> attachments = new ArrayList<>();
  private final List<byte[]> attachmentBytes = new ArrayList<>();

  private MessageView(List<Header> headers) {
    this.headers = headers;
  }

  public static MessageView parse(byte[] raw) throws IOException {
    MessageView view = new MessageView(headers(raw));
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(
        new MimeConfig.Builder()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setStrictParsing(false)
            .build());
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    Message message = builder.parseMessage(new ByteArrayInputStream(raw));
    try {
      view.walk(message, 0);
    } finally {
      message.dispose();
    }
    return view;
  }

  /** The header fields alone, the body left unparsed: all a message list needs. */
  public static MessageView headersOnly(byte[] raw) {
    return new MessageView(headers(raw));
  }

  public List<Header> headers() {
    return headers;
  }

  /** The first field of that name, decoded; empty when there is none. */
  public String header(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst()
        .orElse("");
  }

  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  public Optional<String> html() {
    return Optional.ofNullable(html);
  }

  public List<Attachment> attachments() {
    return attachments;
  }

  public Optional<byte[]> attachment(int index) {
    return index >= 0 && index < attachmentBytes.size()
        ? Optional.of(attachmentBytes.get(index))
        : Optional.empty();
  }

  private void walk(Entity entity, int depth) throws IOException {
    Body body = entity.getBody();
    if (body instanceof Multipart multipart && depth < MAX_DEPTH) {
      for (Entity part : multipart.getBodyParts()) {
        walk(part, depth + 1);
      }
      return;
    }
    boolean attached = "attachment".equalsIgnoreCase(entity.getDispositionType());
    String type = entity.getMimeType().toLowerCase(Locale.ROOT);
    if (body instanceof TextBody textBody && !attached) {
      if (type.equals("text/plain") && text == null) {
        text = read(textBody);
        return;
      }
      if (type.equals("text/html") && html == null) {
        html = read(textBody);
        return;
      }
    }
    byte[] bytes = bytes(body);
    String name = entity.getFilename();
    attachments.add(
        new Attachment(
            attachmentBytes.size(),
            name == null || name.isBlank() ? "part-" + (attachmentBytes.size() + 1) : name,
            type,
            bytes.length));
    attachmentBytes.add(bytes);
  }

  private static String read(TextBody body) throws IOException {
    try (Reader r = body.getReader()) {
      StringBuilder b = new StringBuilder();
      char[] buf = new char[8192];
      for (int n; (n = r.read(buf)) > 0; ) {
        b.append(buf, 0, n);
      }
      return b.toString();
    }
  }

  private static byte[] bytes(Body body) throws IOException {
    if (body instanceof SingleBody single) {
      try (InputStream in = single.getInputStream()) {
        return in.readAllBytes();
      }
    }
    if (body instanceof Message nested) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new org.apache.james.mime4j.message.DefaultMessageWriter().writeMessage(nested, out);
      return out.toByteArray();
    }
    return new byte[0];
  }

  /** The header section, unfolded; each field body UTF-8 if it is, else Latin-1, then RFC 2047. */
  static List<Header> headers(byte[] raw) {
    int end = headerEnd(raw);
    String section = decode(raw, end);
    List<Header> out = new ArrayList<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : section.split("\r?\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      if (name != null) {
        out.add(new Header(name, EncodedWords.decode(value.toString().strip())));
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        name = null;
        continue;
      }
      name = line.substring(0, colon).strip();
      value = new StringBuilder(line.substring(colon + 1));
    }
    if (name != null) {
      out.add(new Header(name, EncodedWords.decode(value.toString().strip())));
    }
    return out;
  }

  private static int headerEnd(byte[] raw) {
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\n'
          && (raw[i + 1] == '\n'
              || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
        return i + 1;
      }
    }
    return raw.length;
  }

  private static String decode(byte[] raw, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
    }
  }
}
