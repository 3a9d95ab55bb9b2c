package mxlab.junit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mxlab.junit.remote.Capture;
import mxlab.junit.remote.CapturingSmtpServer;
import mxlab.junit.remote.RemoteFault;

/**
 * Every domain the lab does not host: its outbound queue sends all such mail (its relayhost) to a
 * capturing SMTP server in the harness, which keeps it and can be told to misbehave.
 */
public final class RemoteDomain {
  private final CapturingSmtpServer server;
  private final LabQueue queue;
  private final Maillog maillog;
  private final List<RelayedMessage> parsed = new ArrayList<>();

  RemoteDomain(CapturingSmtpServer server, LabQueue queue, Maillog maillog) {
    this.server = server;
    this.queue = queue;
    this.maillog = maillog;
  }

  public Endpoint endpoint() {
    return Endpoint.of(server.address());
  }

  /** Everything relayed so far, oldest first. */
  public List<RelayedMessage> messages() {
    return Awaiting.poll(() -> parse(server.captured()));
  }

  /** What was relayed to {@code address}. */
  public List<RelayedMessage> messagesFor(String address) {
    return messages().stream().filter(m -> addressedTo(m, address)).toList();
  }

  /**
   * Waits until at least {@code n} messages were relayed, and returns them all.
   *
   * @throws AssertionError after {@code timeout}, with what arrived, the faults still armed, the
   *     remote server's dialogue, the queue and the maillog
   */
  public List<RelayedMessage> awaitMessages(int n, Duration timeout) {
    return Awaiting.atLeast(
        n, timeout, () -> parse(server.captured()), got -> explain(n, "", timeout, got));
  }

  /** Waits until at least {@code n} messages were relayed to {@code address}. */
  public List<RelayedMessage> awaitMessages(String address, int n, Duration timeout) {
    return Awaiting.atLeast(
        n,
        timeout,
        () -> parse(server.captured()).stream().filter(m -> addressedTo(m, address)).toList(),
        got -> explain(n, " for " + address, timeout, got));
  }

  /** Makes the remote misbehave; faults apply in the order injected. */
  public RemoteDomain inject(RemoteFault fault) {
    server.inject(fault);
    return this;
  }

  public RemoteDomain clearFaults() {
    server.clearFaults();
    return this;
  }

  /** Whether the remote offers STARTTLS (true by default); false: a site without TLS. */
  public RemoteDomain offerTls(boolean offer) {
    server.offerTls(offer);
    return this;
  }

  /** How many connections the lab made to the remote. */
  public int connections() {
    return server.connections();
  }

  /** Both sides of every SMTP session with the remote so far. */
  public List<String> transcript() {
    return server.transcript();
  }

  private static boolean addressedTo(RelayedMessage m, String address) {
    String want = address.toLowerCase(Locale.ROOT);
    return m.rcptTo().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(want));
  }

  /** The captures parsed, each once: the server only ever appends to its list. */
  private synchronized List<RelayedMessage> parse(List<Capture> captures) throws IOException {
    for (Capture c : captures.subList(parsed.size(), captures.size())) {
      parsed.add(
          new RelayedMessage(
              c.helo(), c.tls(), c.mailFrom(), c.rcptTo(), ReceivedMessage.parse(c.data())));
    }
    return List.copyOf(parsed);
  }

  private String explain(int n, String which, Duration timeout, List<RelayedMessage> got) {
    List<String> dialogue = server.transcript();
    int from = Math.max(0, dialogue.size() - 40);
    StringBuilder b =
        new StringBuilder("expected " + n + " relayed messages" + which + " within " + timeout);
    b.append(", but ").append(got.size()).append(" arrived at the remote:\n");
    b.append(Awaiting.numbered(got));
    b.append("faults still armed: ").append(server.faults()).append('\n');
    b.append("remote SMTP dialogue (")
        .append(dialogue.size() - from)
        .append(" of ")
        .append(dialogue.size())
        .append(" lines):\n");
    dialogue.subList(from, dialogue.size()).forEach(l -> b.append("  ").append(l).append('\n'));
    b.append(queue).append(maillog);
    return b.toString();
  }
}
