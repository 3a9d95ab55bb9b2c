package mxlab.web.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * Each compiled record asked of mxlab's own DNS server, as Mail-in-a-Box's status page does with
 * the world's: green when the authoritative answer holds that very record, red with what came back
 * otherwise. One query per name and type.
 */
final class RecordCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A record and what the DNS said about it. */
  record Result(String record, boolean ok, String detail) {}

  private RecordCheck() {}

  static List<Result> check(List<Record> records, InetSocketAddress dns) {
    List<Result> out = new ArrayList<>();
    if (dns == null) {
      records.forEach(r -> out.add(new Result(r.toString(), false, "dns is off")));
      return out;
    }
    InetSocketAddress target =
        dns.getAddress().isAnyLocalAddress()
            ? new InetSocketAddress(InetAddress.getLoopbackAddress(), dns.getPort())
            : dns;
    SimpleResolver resolver = new SimpleResolver(target);
    resolver.setTimeout(TIMEOUT);
    Map<String, Object> answers = new HashMap<>();
    for (Record r : records) {
      String key = r.getName() + " " + r.getType();
      Object answer = answers.computeIfAbsent(key, k -> ask(resolver, r.getName(), r.getType()));
      if (answer instanceof Message m) {
        boolean authoritative = m.getHeader().getFlag(Flags.AA);
        boolean found =
            m.getSection(Section.ANSWER).stream()
                .anyMatch(
                    a -> a.getType() == r.getType() && a.rdataToString().equals(r.rdataToString()));
        out.add(
            new Result(
                r.toString(),
                found && authoritative,
                found
                    ? (authoritative ? "answered" : "answered, but not authoritatively")
                    : Rcode.string(m.getRcode())
                        + ", "
                        + m.getSection(Section.ANSWER).size()
                        + " other records"));
      } else {
        out.add(new Result(r.toString(), false, String.valueOf(answer)));
      }
    }
    return out;
  }

  private static Object ask(SimpleResolver resolver, Name name, int type) {
    try {
      return resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    } catch (IOException e) {
      return "no answer: " + e.getMessage();
    }
  }
}
