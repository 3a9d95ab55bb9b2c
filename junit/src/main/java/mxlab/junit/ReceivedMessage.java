package mxlab.junit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A message as it was stored or relayed, parsed (by Apache James mime4j): decoded subject and
 * addresses, every header field, and the text (the first text/plain part of a multipart, decoded,
 * with \n line ends whether the message was stored or relayed).
 *
 * @param headers every header field in order, values unfolded and RFC 2047-decoded
 * @param raw the message as stored, for assertions the parsed view does not cover
 */
public record ReceivedMessage(
    String subject,
    List<String> from,
    List<String> to,
    List<String> cc,
    List<Header> headers,
    String text,
    byte[] raw) {

  /** One header field. */
  public record Header(String name, String value) {}

  public ReceivedMessage {
    from = List.copyOf(from);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    headers = List.copyOf(headers);
  }

  /** The first field called {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst();
  }

  /** Every field called {@code name}, e.g. all Received: lines. */
  public List<String> headers(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .toList();
  }

  public static ReceivedMessage parse(byte[] raw) throws IOException {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    Message m = builder.parseMessage(new ByteArrayInputStream(raw));
    try {
      List<Header> headers = new ArrayList<>();
      for (Field f : m.getHeader().getFields()) {
        headers.add(
            new Header(
                f.getName(),
                DecoderUtil.decodeEncodedWords(unfold(f.getBody()), DecodeMonitor.SILENT)));
      }
      return new ReceivedMessage(
          m.getSubject() == null ? "" : m.getSubject(),
          addresses(m.getFrom()),
          addresses(m.getTo()),
          addresses(m.getCc()),
          headers,
          text(m).orElse(""),
          raw.clone());
    } finally {
      m.dispose();
    }
  }

  private static String unfold(String value) {
    return value == null ? "" : value.replaceAll("\r?\n[ \t]", " ").trim();
  }

  private static List<String> addresses(MailboxList list) {
    return list == null ? List.of() : list.stream().map(Mailbox::getAddress).toList();
  }

  private static List<String> addresses(AddressList list) {
    return list == null ? List.of() : list.flatten().stream().map(Mailbox::getAddress).toList();
  }

  /** The text of the entity: itself if text/plain, else its first text/plain part. */
  private static Optional<String> text(Entity entity) throws IOException {
    Body body = entity.getBody();
    if (body instanceof Multipart multipart) {
      for (Entity part : multipart.getBodyParts()) {
        Optional<String> t = text(part);
        if (t.isPresent()) {
          return t;
        }
      }
      return Optional.empty();
    }
    if (body instanceof Message inner) {
      return text(inner);
    }
    String type = entity.getMimeType() == null ? "" : entity.getMimeType().toLowerCase(Locale.ROOT);
    if (body instanceof TextBody textBody && type.equals("text/plain")) {
      StringWriter out = new StringWriter();
      try (Reader r = textBody.getReader()) {
        r.transferTo(out);
      }
      return Optional.of(out.toString().replace("\r\n", "\n"));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "\"" + subject + "\" from " + from + " to " + to + " (" + raw.length + " octets)";
  }
}
