package mxlab.dns.server;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns query packets into answer packets. Plain queries for names we hold are answered from {@link
 * AnswerCache} by copying bytes; everything else goes through dnsjava. One per thread.
 */
final class Responder {
  /** {@link #respond} result: send nothing. */
  static final int DROP = 0;

  /** {@link #respond} result over TCP: a zone transfer, to be sent by {@link #transfer}. */
  static final int TRANSFER = -1;

  private final WireQuery query = new WireQuery();

  /**
   * Writes the answer to {@code in[0..len)} into {@code out} and returns its length, {@link #DROP}
   * or {@link #TRANSFER}.
   */
  int respond(Authority authority, byte[] in, int len, byte[] out, boolean udp) {
    if (len < WireQuery.HEADER || (in[2] & 0x80) != 0) {
      return DROP; // too short to answer, or itself a response: answering could loop
    }
    if (query.parse(in, len) && query.qtype != Type.AXFR && query.qtype != Type.IXFR) {
      AnswerCache.Entry entry = authority.cache.get(query.key);
      if (entry == null) {
        entry = render(authority);
      }
      byte[] src = udp && entry.full().length > query.udpLimit() ? entry.truncated() : entry.full();
      System.arraycopy(src, 0, out, 0, src.length);
      out[0] = in[0];
      out[1] = in[1];
      out[2] = (byte) ((out[2] & ~1) | (in[2] & 1)); // RD back as sent
      // The client's spelling of the name, 0x20 case randomisation included.
      System.arraycopy(in, WireQuery.HEADER, out, WireQuery.HEADER, query.qnameLength);
      return src.length;
    }
    return slowPath(authority, in, len, out, udp);
  }

  /** Renders the canonical answer for the parsed query; caches it if the name exists. */
  private AnswerCache.Entry render(Authority authority) {
    Message canonical = new Message(0);
    try {
      Name name = new Name(new DNSInput(Arrays.copyOf(query.key.bytes, query.qnameLength)));
      canonical.addRecord(Record.newRecord(name, query.qtype, query.qclass), Section.QUESTION);
    } catch (IOException e) {
      throw new IllegalStateException("a name WireQuery accepted must parse", e);
    }
    if (query.edns) {
      canonical.addRecord(
          new OPTRecord(512, 0, 0, query.dnssecOk() ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    }
    Message answer = QueryProcessor.answer(authority, canonical);
    AnswerCache.Entry entry = new AnswerCache.Entry(answer.toWire(), truncated(answer));
    boolean exists =
        answer.getHeader().getRcode() == Rcode.NOERROR && answer.getHeader().getFlag(Flags.AA);
    if (exists) {
      authority.cache.put(query.key, entry);
    }
    return entry;
  }

  private int slowPath(Authority authority, byte[] in, int len, byte[] out, boolean udp) {
    Message request;
    try {
      request = new Message(Arrays.copyOf(in, len));
    } catch (IOException e) {
      return formErr(in, out);
    }
    Record question = request.getQuestion();
    if (question != null
        && request.getHeader().getCount(Section.QUESTION) == 1
        && (question.getType() == Type.AXFR || question.getType() == Type.IXFR)) {
      if (!udp) {
        return TRANSFER;
      }
      Message refused = QueryProcessor.reply(request);
      refused.addRecord(question, Section.QUESTION);
      return copy(QueryProcessor.withRcode(refused, Rcode.REFUSED).toWire(), out);
    }
    Message answer = QueryProcessor.answer(authority, request);
    byte[] wire = answer.toWire();
    int limit = udp ? udpLimit(request) : 65535;
    return copy(wire.length > limit ? truncated(answer) : wire, out);
  }

  List<byte[]> transfer(Authority authority, byte[] in, int len, InetAddress client)
      throws IOException {
    Message request = new Message(Arrays.copyOf(in, len));
    return QueryProcessor.transfer(authority, request, client).stream()
        .map(Message::toWire)
        .toList();
  }

  private static int udpLimit(Message request) {
    OPTRecord opt = request.getOPT();
    return opt == null
        ? 512
        : Math.max(512, Math.min(opt.getPayloadSize(), QueryProcessor.MAX_UDP_PAYLOAD));
  }

  /** The same answer with TC set and only the question and OPT (RFC 2181 9). */
  private static byte[] truncated(Message answer) {
    Message t = new Message(answer.getHeader().getID());
    for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD}) {
      if (answer.getHeader().getFlag(flag)) {
        t.getHeader().setFlag(flag);
      }
    }
    t.getHeader().setFlag(Flags.TC);
    t.getHeader().setRcode(answer.getHeader().getRcode());
    Record q = answer.getQuestion();
    if (q != null) {
      t.addRecord(q, Section.QUESTION);
    }
    if (answer.getOPT() != null) {
      t.addRecord(answer.getOPT(), Section.ADDITIONAL);
    }
    return t.toWire();
  }

  /** A bare header echoing ID, opcode and RD, with FORMERR. */
  private static int formErr(byte[] in, byte[] out) {
    Arrays.fill(out, 0, WireQuery.HEADER, (byte) 0);
    out[0] = in[0];
    out[1] = in[1];
    out[2] = (byte) (0x80 | (in[2] & 0x79)); // QR, opcode and RD as sent
    out[3] = (byte) Rcode.FORMERR;
    return WireQuery.HEADER;
  }

  private static int copy(byte[] wire, byte[] out) {
    System.arraycopy(wire, 0, out, 0, wire.length);
    return wire.length;
  }
}
