package mxlab.mailauth;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * is down costs a message one timeout, not one per SPF term; and all the questions together get one
 * deadline, so a resolver that answers slowly cannot hold the message for minutes either.
 */
public final class ResolverDns implements MailDns {
  private final Resolver resolver;
  private final long deadline; // System.nanoTime()
  private String unanswered;

  /** Without a deadline: each question waits as long as the resolver's own timeouts. */
  public ResolverDns(Resolver resolver) {
    this.resolver = resolver;
    this.deadline = Long.MAX_VALUE;
  }

  /**
   * @param budget how long all the questions of this instance may take together, from now; a
   *     question still in flight then fails, and so does every later one
   */
  public ResolverDns(Resolver resolver, Duration budget) {
    this.resolver = resolver;
    this.deadline = System.nanoTime() + budget.toNanos();
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
    Message answer = send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
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

  /** The answer, within what is left of the deadline. */
  private Message send(Message query) throws DnsFailure {
    Record q = query.getQuestion();
    String what = q.getName() + " " + Type.string(q.getType());
    if (deadline == Long.MAX_VALUE) {
      try {
        return resolver.send(query);
      } catch (IOException e) {
        throw unanswered("no answer for " + what + ": " + e);
      }
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw unanswered("no time left for " + what + ": the verification's DNS deadline passed");
    }
    CompletableFuture<Message> answer = resolver.sendAsync(query).toCompletableFuture();
    try {
      return answer.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw unanswered("no answer for " + what + " before the verification's DNS deadline");
    } catch (ExecutionException e) {
      throw unanswered("no answer for " + what + ": " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unanswered("interrupted while asking " + what);
    }
  }

  private DnsFailure unanswered(String why) {
    unanswered = why;
    return new DnsFailure(why);
  }

  private static String text(Name n) {
    String s = n.toString(true);
    return s.toLowerCase(Locale.ROOT);
  }
}
