package mxlab.mailauth;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link MailDns} asked of a dnsjava resolver (the spec's {@code server.resolver}), for one
 * message: once a question went unanswered, the rest fail at once (a temperror), so a resolver that
 * is down costs a message one timeout, not one per SPF term.
 */
public final class ResolverDns implements MailDns {
  private final Resolver resolver;
  private String unanswered;

  public ResolverDns(Resolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public List<String> txt(String name) throws DnsFailure {
    List<String> out = new ArrayList<>();
    for (Record r : ask(name, Type.TXT)) {
      if (r instanceof TXTRecord t) {
        out.add(String.join("", t.getStrings()));
      }
    }
    return out;
  }

  @Override
  public List<InetAddress> addresses(String name, boolean v6) throws DnsFailure {
    List<InetAddress> out = new ArrayList<>();
    for (Record r : ask(name, v6 ? Type.AAAA : Type.A)) {
      if (r instanceof ARecord a) {
        out.add(a.getAddress());
      } else if (r instanceof AAAARecord a) {
        out.add(a.getAddress());
      }
    }
    return out;
  }

  @Override
  public List<String> mx(String name) throws DnsFailure {
    List<MXRecord> mx = new ArrayList<>();
    for (Record r : ask(name, Type.MX)) {
      if (r instanceof MXRecord m) {
        mx.add(m);
      }
    }
    mx.sort(Comparator.comparingInt(MXRecord::getPriority));
    return mx.stream().map(m -> text(m.getTarget())).toList();
  }

  @Override
  public List<String> ptr(InetAddress address) throws DnsFailure {
    List<String> out = new ArrayList<>();
    for (Record r : ask(ReverseMap.fromAddress(address), Type.PTR)) {
      if (r instanceof PTRRecord p) {
        out.add(text(p.getTarget()));
      }
    }
    return out;
  }

  private List<Record> ask(String name, int type) throws DnsFailure {
    try {
      return ask(Name.fromString(name.endsWith(".") ? name : name + "."), type);
    } catch (TextParseException e) {
      return List.of(); // no such name can exist
    }
  }

  private List<Record> ask(Name name, int type) throws DnsFailure {
    if (unanswered != null) {
      throw new DnsFailure(unanswered);
    }
    Message answer;
    try {
      answer = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    } catch (IOException e) {
      unanswered = "no answer for " + name + " " + Type.string(type) + ": " + e;
      throw new DnsFailure(unanswered);
    }
    int rcode = answer.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return List.of();
    }
    if (rcode != Rcode.NOERROR) {
      throw new DnsFailure(Rcode.string(rcode) + " for " + name + " " + Type.string(type));
    }
    List<Record> out = new ArrayList<>();
    for (Record r : answer.getSection(Section.ANSWER)) {
      if (r.getType() == type) {
        out.add(r);
      }
    }
    return out;
  }

  private static String text(Name n) {
    String s = n.toString(true);
    return s.toLowerCase(Locale.ROOT);
  }
}
