package mxlab.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
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

  private static void addresses(Response r, Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      r.nil();
      return;
    }
    AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value.get());
    if (list.isEmpty()) {
      r.nil();
      return;
    }
    r.open();
    for (Address a : list) {
      r.adjacent(); // "(" 1*address ")"
      if (a instanceof Group g) {
        // RFC 3501 7.4.2: a group is marked by a mailbox name alone, ended by an all-NIL address
        r.open().nil().nil().string(g.getName()).nil().close();
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
    r.string(name(m.getName()));
    r.string(m.getRoute() == null || m.getRoute().isEmpty() ? null : m.getRoute().toRouteString());
    r.string(m.getLocalPart());
    r.string(m.getDomain());
    r.close();
  }

  /** mime4j decodes encoded words; IMAP4rev1 clients expect them, so non-ASCII is encoded again. */
  private static String name(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(name);
    return ascii ? name : EncoderUtil.encodeEncodedWord(name, EncoderUtil.Usage.TEXT_TOKEN);
  }
}
