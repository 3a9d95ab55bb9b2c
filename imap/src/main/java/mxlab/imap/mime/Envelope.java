package mxlab.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mxlab.imap.session.Response;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/** The ENVELOPE of a message (RFC 3501 7.4.2), its addresses read by mime4j. */
public final class Envelope {
  private Envelope() {}

  public static void write(Response r, MimePart message) {
    r.open();
    r.nstring(message.field("Date"));
    r.nstring(message.field("Subject"));
    Optional<String> from = message.field("From");
    addresses(r, from);
    // RFC 3501 7.4.2: sender and reply-to default to from
    addresses(r, message.field("Sender").or(() -> from));
    addresses(r, message.field("Reply-To").or(() -> from));
    addresses(r, message.field("To"));
    addresses(r, message.field("Cc"));
    addresses(r, message.field("Bcc"));
    r.nstring(message.field("In-Reply-To"));
    r.nstring(message.field("Message-ID"));
    r.close();
  }

  /**
   * What mime4j's address parser is given in place of what it mishandles, and what is put back
   * after: it decodes every encoded word in a display name, but ENVELOPE gives names as the header
   * writes them (RFC 3501 7.4.2, "phrase"), as Dovecot does, for the client to decode; and it cuts
   * a field with raw UTF-8 short by as many octets as the UTF-8 takes beyond one a character (the
   * domain of {@code 박영희 <park@example.kr>} came out as "examp"). So "=?" becomes \u0001? and each
   * non-ASCII character \u0002HEX\u0003, in a field that has none of these controls.
   */
  private static final Pattern SHIELDED = Pattern.compile("\u0002([0-9a-f]+)\u0003");

  private static String shield(String field) {
    if (field.chars().anyMatch(c -> c >= 1 && c <= 3)) {
      return field;
    }
    StringBuilder b = new StringBuilder();
    field
        .replace("=?", "\u0001?")
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x80) {
                b.append((char) c);
              } else {
                b.append('\u0002').append(Integer.toHexString(c)).append('\u0003');
              }
            });
    return b.toString();
  }

  private static String unshield(String s) {
    if (s == null) {
      return null;
    }
    Matcher m = SHIELDED.matcher(s.replace("\u0001?", "=?"));
    return m.replaceAll(
        c -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(c.group(1), 16))));
  }

  private static void addresses(Response r, Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      r.nil();
      return;
    }
    String field = shield(value.get());
    AddressList list = LenientAddressParser.DEFAULT.parseAddressList(field);
    if (list.isEmpty()) {
      r.nil();
      return;
    }
    r.open();
    for (Address a : list) {
      r.adjacent(); // "(" 1*address ")"
      if (a instanceof Group g) {
        // RFC 3501 7.4.2: a group is marked by a mailbox name alone, ended by an all-NIL address
        r.open().nil().nil().string(unshield(g.getName())).nil().close();
        for (Mailbox m : g.getMailboxes()) {
          mailbox(r.adjacent(), m);
        }
        r.adjacent().open().nil().nil().nil().nil().close();
      } else if (a instanceof Mailbox m) {
        mailbox(r, m);
      }
    }
    r.close();
  }

  private static void mailbox(Response r, Mailbox m) {
    r.open();
    r.string(name(unshield(m.getName())));
    r.string(m.getRoute() == null || m.getRoute().isEmpty() ? null : m.getRoute().toRouteString());
    r.string(unshield(m.getLocalPart()));
    r.string(unshield(m.getDomain()));
    r.close();
  }

  /** A name in raw 8-bit: IMAP4rev1 clients expect ASCII, so it is given as an encoded word. */
  private static String name(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(name);
    return ascii ? name : EncoderUtil.encodeEncodedWord(name, EncoderUtil.Usage.TEXT_TOKEN);
  }
}
