package mxlab.core.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The envelope file format: one {@code key value} per line, recipients as {@code rcpt STATUS
 * address TAB mta TAB diagnostic}. Plain text so an admin can read it; never Java serialization.
 */
public final class EnvelopeCodec {
  static final String MAGIC = "mxlab-envelope 1";

  private EnvelopeCodec() {}

  public static String encode(Envelope e) {
    StringBuilder b = new StringBuilder(MAGIC).append('\n');
    b.append("id ").append(e.id()).append('\n');
    b.append("arrival ").append(e.arrival()).append('\n');
    b.append("sender <").append(clean(e.sender())).append(">\n");
    b.append("skip ").append(e.skip()).append('\n');
    b.append("size ").append(e.size()).append('\n');
    b.append("body ").append(e.eightBit() ? "8BITMIME" : "7BIT").append('\n');
    b.append("smtputf8 ").append(e.smtpUtf8()).append('\n');
    b.append("attempts ").append(e.attempts()).append('\n');
    b.append("next ").append(e.nextAttempt()).append('\n');
    if (e.lastAttempt() != null) {
      b.append("last ").append(e.lastAttempt()).append('\n');
    }
    b.append("warned ").append(e.warned()).append('\n');
    for (Envelope.Recipient r : e.recipients()) {
      b.append("rcpt ")
          .append(r.status().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(clean(r.address()))
          .append('\t')
          .append(clean(r.mta()))
          .append('\t')
          .append(clean(r.diagnostic()))
          .append('\n');
    }
    return b.toString();
  }

  /** Parses an envelope file; throws IllegalArgumentException naming what is wrong. */
  public static Envelope decode(String text) {
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(MAGIC)) {
      throw new IllegalArgumentException("not an mxlab envelope");
    }
    String id = null;
    String sender = null;
    Instant arrival = null;
    Instant next = null;
    Instant last = null;
    long skip = 0;
    long size = 0;
    boolean eightBit = false;
    boolean utf8 = false;
    boolean warned = false;
    int attempts = 0;
    List<Envelope.Recipient> recipients = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int space = line.indexOf(' ');
      if (space < 0) {
        continue;
      }
      String key = line.substring(0, space);
      String value = line.substring(space + 1);
      switch (key) {
        case "id" -> id = value;
        case "arrival" -> arrival = Instant.parse(value);
        case "sender" -> sender = value.substring(1, value.length() - 1);
        case "skip" -> skip = Long.parseLong(value);
        case "size" -> size = Long.parseLong(value);
        case "body" -> eightBit = value.equals("8BITMIME");
        case "smtputf8" -> utf8 = Boolean.parseBoolean(value);
        case "attempts" -> attempts = Integer.parseInt(value);
        case "next" -> next = Instant.parse(value);
        case "last" -> last = Instant.parse(value);
        case "warned" -> warned = Boolean.parseBoolean(value);
        case "rcpt" -> recipients.add(recipient(value));
        default -> {
          // newer fields are ignored, so an older mxlab can still deliver
        }
      }
    }
    if (id == null || sender == null || arrival == null || next == null || recipients.isEmpty()) {
      throw new IllegalArgumentException("envelope lacks id, sender, arrival, next or rcpt");
    }
    return new Envelope(
        id, arrival, sender, skip, size, eightBit, utf8, attempts, next, last, warned, recipients);
  }

  private static Envelope.Recipient recipient(String value) {
    int space = value.indexOf(' ');
    Envelope.Status status =
        Envelope.Status.valueOf(value.substring(0, space).toUpperCase(Locale.ROOT));
    String[] parts = value.substring(space + 1).split("\t", -1);
    return new Envelope.Recipient(
        parts[0], status, parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
  }
}
