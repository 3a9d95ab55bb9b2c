package mxlab.smtp.lookup;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mxlab.core.address.DomainNames;
import mxlab.net.Resolvers;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The host names of SMTP clients, for the access map's Connect: keys and the Received: field: the
 * PTR name of the address, kept only if that name resolves back to the address (forward-confirmed,
 * as Postfix and sendmail do: anyone can write any PTR for their own addresses) and is a plain host
 * name. Asked without blocking a thread, answered within a deadline (null: unknown), cached with a
 * time to live and a bounded size, so one silent resolver never stalls other sessions.
 */
public final class ClientNames {
  /** The whole lookup, PTR and address (Postfix waits about as long). */
  public static final Duration DEADLINE = Duration.ofSeconds(3);

  private static final Duration TRY_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration ANSWERED_TTL = Duration.ofMinutes(10);

  /** A resolver that did not answer may answer soon: ask again after this. */
  private static final Duration UNANSWERED_TTL = Duration.ofSeconds(30);

  private static final int MAX_ENTRIES = 10_000;

  /** What a lookup found: a name or none, and whether DNS answered at all. */
  private record Found(String name, boolean answered) {
    static final Found UNANSWERED = new Found(null, false);
    static final Found NONE = new Found(null, true);
  }

  private record Entry(CompletableFuture<Found> found, long created) {
    boolean expired(long now) {
      if (!found.isDone()) {
        return false; // a lookup in flight is shared
      }
      Duration ttl = found.join().answered() ? ANSWERED_TTL : UNANSWERED_TTL;
      return now - created > ttl.toNanos();
    }
  }

  private record Asking(List<InetSocketAddress> servers, Resolver resolver) {}

  private final Supplier<List<InetSocketAddress>> servers;
  private final Duration deadline;
  private final Map<InetAddress, Entry> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private volatile Asking asking;

  /**
   * @param servers the spec's resolvers now (a reload may change them); empty for the system's
   */
  public ClientNames(Supplier<List<InetSocketAddress>> servers, Duration deadline) {
    this.servers = servers;
    this.deadline = deadline;
  }

  /** The verified host name of {@code client}, or null; completes within the deadline. */
  public CompletableFuture<String> lookup(InetAddress client) {
    long now = System.nanoTime();
    Entry entry;
    synchronized (cache) {
      entry = cache.get(client);
      if (entry == null || entry.expired(now)) {
        entry = new Entry(ask(client), now);
        cache.put(client, entry);
      }
    }
    return entry.found().thenApply(Found::name);
  }

  private CompletableFuture<Found> ask(InetAddress client) {
    Resolver resolver = resolver();
    return query(resolver, ReverseMap.fromAddress(client), Type.PTR)
        .thenCompose(answer -> confirm(resolver, client, answer))
        .exceptionally(failure -> Found.UNANSWERED)
        .toCompletableFuture()
        .completeOnTimeout(Found.UNANSWERED, deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The PTR name, if its addresses include {@code client}. */
  private static CompletionStage<Found> confirm(
      Resolver resolver, InetAddress client, Message ptrAnswer) {
    if (ptrAnswer.getRcode() == Rcode.NXDOMAIN) {
      return CompletableFuture.completedFuture(Found.NONE);
    }
    if (ptrAnswer.getRcode() != Rcode.NOERROR) {
      return CompletableFuture.completedFuture(Found.UNANSWERED);
    }
    Name target = null;
    for (Record r : ptrAnswer.getSection(Section.ANSWER)) {
      if (r instanceof PTRRecord ptr) {
        target = ptr.getTarget();
        break;
      }
    }
    String host = target == null ? null : target.toString(true).toLowerCase(Locale.ROOT);
    if (host == null || !DomainNames.isHostName(host, false)) {
      return CompletableFuture.completedFuture(Found.NONE);
    }
    int type = client instanceof Inet4Address ? Type.A : Type.AAAA;
    return query(resolver, target, type)
        .thenApply(
            answer -> {
              for (Record r : answer.getSection(Section.ANSWER)) {
                InetAddress a =
                    r instanceof ARecord ar
                        ? ar.getAddress()
                        : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                if (client.equals(a)) {
                  return new Found(host, true);
                }
              }
              return answer.getRcode() == Rcode.NOERROR || answer.getRcode() == Rcode.NXDOMAIN
                  ? Found.NONE
                  : Found.UNANSWERED;
            });
  }

  private static CompletionStage<Message> query(Resolver resolver, Name name, int type) {
    return resolver.sendAsync(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
  }

  /** The resolver for the spec's servers, made again only when they change. */
  private Resolver resolver() {
    List<InetSocketAddress> now = servers.get();
    Asking current = asking;
    if (current == null || !current.servers().equals(now)) {
      current = new Asking(now, Resolvers.of(now, TRY_TIMEOUT));
      asking = current;
    }
    return current.resolver();
  }
}
