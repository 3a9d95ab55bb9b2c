package mxlab.imap.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mxlab.imap.session.Response;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;

/** BODY and BODYSTRUCTURE (RFC 3501 7.4.2), from the part tree mime4j read. */
public final class BodyStructure {
  private BodyStructure() {}

  /** With {@code extensible}, BODYSTRUCTURE; without, BODY. */
  public static void write(Response r, MimePart p, boolean extensible) {
    r.open();
    if (p.isMultipart()) {
      if (p.parts().isEmpty()) {
        emptyPart(r); // a multipart must have a part: a broken boundary leaves an empty text
      }
      for (MimePart child : p.parts()) {
        write(r.adjacent(), child, extensible); // body-type-mpart = 1*body SP media-subtype
      }
      r.string(p.subtype());
      if (extensible) {
        parameters(r, p.parameters(), false);
        extensions(r, p);
      }
      r.close();
      return;
    }
    r.string(p.type()).string(p.subtype());
    parameters(r, p.parameters(), p.type().equals("text"));
    r.nstring(p.field("Content-ID"));
    r.nstring(p.field("Content-Description"));
    r.string(p.field("Content-Transfer-Encoding").orElse("7bit"));
    r.number(p.bodySize());
    if (p.message() != null) {
      Envelope.write(r, p.message());
      write(r, p.message(), extensible);
      r.number(p.bodyLines());
    } else if (p.type().equals("text")) {
      r.number(p.bodyLines());
    }
    if (extensible) {
      r.nstring(p.field("Content-MD5"));
      extensions(r, p);
    }
    r.close();
  }

  private static void emptyPart(Response r) {
    r.open().string("text").string("plain").open().string("charset").string("us-ascii").close();
    r.nil().nil().string("7bit").number(0).number(0).close();
  }

  /** body-fld-dsp, body-fld-lang, body-fld-loc. */
  private static void extensions(Response r, MimePart p) {
    Optional<Field> disposition =
        p.fields().stream()
            .filter(f -> f.getName().equalsIgnoreCase("Content-Disposition"))
            .findFirst();
    if (disposition.isEmpty()) {
      r.nil();
    } else {
      String value = p.field("Content-Disposition").orElse("");
      int semi = value.indexOf(';');
      String kind = (semi < 0 ? value : value.substring(0, semi)).strip();
      r.open().string(kind);
      parameters(r, MimePart.parameters(disposition.get()), false);
      r.close();
    }
    Optional<String> language = p.field("Content-Language");
    if (language.isEmpty()) {
      r.nil();
    } else {
      List<String> tags = new ArrayList<>();
      for (String t : language.get().split(",")) {
        if (!t.isBlank()) {
          tags.add(t.strip());
        }
      }
      r.stringList(tags);
    }
    r.nstring(p.field("Content-Location"));
  }

  private static void parameters(Response r, List<NameValuePair> params, boolean text) {
    List<NameValuePair> all = new ArrayList<>(params);
    if (text && all.stream().noneMatch(n -> n.getName().equalsIgnoreCase("charset"))) {
      all.add(new NameValuePair("charset", "us-ascii")); // RFC 2045 5.2
    }
    if (all.isEmpty()) {
      r.nil();
      return;
    }
    r.open();
    for (NameValuePair n : all) {
      r.string(n.getName()).string(n.getValue() == null ? "" : n.getValue());
    }
    r.close();
  }
}
