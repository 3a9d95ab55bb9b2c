package mxlab.dns.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one query from an {@link Authority}, as an authoritative-only server: AA on our data,
 * REFUSED for anything else and never recursion (RA stays 0: not an open resolver).
 */
final class QueryProcessor {
  /** What we advertise and use over UDP with EDNS (DNS flag day 2020). */
  static final int OUR_UDP_PAYLOAD = 1232;

  /** Largest UDP answer we send even when a client offers more, to stay clear of fragments. */
  static final int MAX_UDP_PAYLOAD = 4096;

  private static final int MAX_CNAME_CHAIN = 8;

  /** Zone transfers are cut into messages of about this many octets (RFC 5936 2.2). */
  private static final int TRANSFER_CHUNK = 16_000;

  private QueryProcessor() {}

  /** The answer to {@code query}; AXFR is answered by {@link #transfer}. */
  static Message answer(Authority authority, Message query) {
    Header qh = query.getHeader();
    Message response = reply(query);
    if (qh.getOpcode() != Opcode.QUERY) {
      return withRcode(response, Rcode.NOTIMP);
    }
    if (qh.getCount(Section.QUESTION) != 1
        || qh.getCount(Section.ANSWER) != 0
        || qh.getCount(Section.AUTHORITY) != 0) {
      return withRcode(response, Rcode.FORMERR);
    }
    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() != 0) {
      response.getHeader().setRcode(Rcode.BADVERS & 0xF);
      response.addRecord(ourOpt(opt, Rcode.BADVERS >>> 4), Section.ADDITIONAL);
      return response;
    }
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    if (opt != null) {
      response.addRecord(ourOpt(opt, 0), Section.ADDITIONAL);
    }
    int qclass = question.getDClass();
    ZoneData zone = authority.zoneFor(question.getName());
    if (zone == null || (qclass != DClass.IN && qclass != DClass.ANY)) {
      return withRcode(response, Rcode.REFUSED);
    }
    response.getHeader().setFlag(Flags.AA);
    lookup(authority, zone, question.getName(), question.getType(), response);
    return response;
  }

  /** A reply skeleton: same ID, opcode and RD, QR set, RA never. */
  static Message reply(Message query) {
    Message response = new Message(query.getHeader().getID());
    Header h = response.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(query.getHeader().getOpcode());
    if (query.getHeader().getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    return response;
  }

  static Message withRcode(Message response, int rcode) {
    response.getHeader().setRcode(rcode);
    return response;
  }

  static OPTRecord ourOpt(OPTRecord theirs, int extendedRcode) {
    int flags = (theirs.getFlags() & ExtendedFlags.DO); // RFC 3225 3: copy DO back
    return new OPTRecord(OUR_UDP_PAYLOAD, extendedRcode, 0, flags);
  }

  private static void lookup(
      Authority authority, ZoneData zone, Name qname, int qtype, Message response) {
    Name name = qname;
    Set<Name> seen = new HashSet<>();
    for (int step = 0; step <= MAX_CNAME_CHAIN && seen.add(name); step++) {
      Map<Integer, List<Record>> node = zone.node(name);
      if (node == null) {
        if (!zone.exists(name)) {
          response.getHeader().setRcode(Rcode.NXDOMAIN); // RFC 6604: the last name decides
        }
        response.addRecord(zone.negativeSoa, Section.AUTHORITY);
        return;
      }
      List<Record> answer = qtype == Type.ANY ? minimalAny(node) : node.get(qtype);
      if (answer != null) {
        answer.forEach(r -> response.addRecord(r, Section.ANSWER));
        addGlue(authority, answer, response);
        return;
      }
      List<Record> cname = node.get(Type.CNAME);
      if (cname == null || qtype == Type.CNAME) {
        response.addRecord(zone.negativeSoa, Section.AUTHORITY); // NODATA
        return;
      }
      response.addRecord(cname.get(0), Section.ANSWER);
      name = ((CNAMERecord) cname.get(0)).getTarget();
      if (!name.subdomain(zone.origin)) {
        return; // out of zone: the client's resolver follows it
      }
    }
  }

  /** RFC 8482: answer ANY with one RRset instead of everything. */
  private static List<Record> minimalAny(Map<Integer, List<Record>> node) {
    return node.values().iterator().next();
  }

  /** Addresses of MX, NS and SRV targets we also serve go in the additional section. */
  private static void addGlue(Authority authority, List<Record> answer, Message response) {
    Set<Name> done = new HashSet<>();
    for (Record r : answer) {
      Name target =
          r instanceof MXRecord mx
              ? mx.getTarget()
              : r instanceof NSRecord ns
                  ? ns.getTarget()
                  : r instanceof SRVRecord srv ? srv.getTarget() : null;
      if (target == null || !done.add(target)) {
        continue;
      }
      ZoneData z = authority.zoneFor(target);
      if (z == null) {
        continue;
      }
      for (int type : new int[] {Type.A, Type.AAAA}) {
        List<Record> addresses = z.rrset(target, type);
        if (addresses != null) {
          addresses.forEach(a -> response.addRecord(a, Section.ADDITIONAL));
        }
      }
    }
  }

  /**
   * AXFR (RFC 5936): the zone, SOA first and last, in as many messages as it takes; REFUSED unless
   * the client is allowed and the name is a zone apex.
   */
  static List<Message> transfer(Authority authority, Message query, InetAddress client) {
    Record question = query.getQuestion();
    ZoneData zone = authority.zone(question.getName());
    Message first = reply(query);
    first.addRecord(question, Section.QUESTION);
    if (zone == null || !authority.mayTransfer(client)) {
      return List.of(withRcode(first, Rcode.REFUSED));
    }
    List<Record> records = new ArrayList<>(zone.all);
    records.add(zone.soa);
    List<Message> out = new ArrayList<>();
    Message current = first;
    int size = 0;
    for (Record r : records) {
      int length = r.toWireCanonical().length;
      if (size > 0 && size + length > TRANSFER_CHUNK) {
        out.add(current);
        current = reply(query);
        size = 0;
      }
      current.getHeader().setFlag(Flags.AA);
      current.addRecord(r, Section.ANSWER);
      size += length;
    }
    out.add(current);
    return out;
  }
}
