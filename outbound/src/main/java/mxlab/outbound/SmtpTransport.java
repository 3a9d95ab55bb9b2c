package mxlab.outbound;

import java.util.List;
import java.util.function.Supplier;
import mxlab.core.queue.Envelope;
import mxlab.core.site.Site;
import mxlab.core.spec.Server;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * The transport to the world: the destination's MX hosts by DNS (or the relayhost), then SMTP to
 * the first of them that takes the transaction. Settings are read at each attempt, so a reload's
 * resolvers, relayhost and remote port apply to the next attempt.
 */
public final class SmtpTransport implements Transport {
  private final Supplier<Site> site;
  private final NioSocketConnector connector = new NioSocketConnector();
  private final SmtpDelivery delivery;

  public SmtpTransport(Supplier<Site> site) {
    this.site = site;
    connector.setHandler(new ClientHandler());
    connector.setConnectTimeoutMillis(30_000);
    Site now = site.get();
    this.delivery =
        new SmtpDelivery(
            connector, OpportunisticTls.context(), now.hostname(), now.spec().server().listen());
  }

  @Override
  public List<RecipientResult> deliver(
      Envelope envelope, byte[] data, String domain, List<String> recipients) {
    Server server = site.get().spec().server();
    MxResolver.Route route =
        new MxResolver(server.resolvers(), server.remotePort(), server.relayhost()).route(domain);
    if (route instanceof MxResolver.Unroutable u) {
      Envelope.Status s = u.permanent() ? Envelope.Status.FAILED : Envelope.Status.PENDING;
      return recipients.stream().map(r -> new RecipientResult(r, s, "", u.diagnostic())).toList();
    }
    return delivery.deliver(envelope, data, recipients, ((MxResolver.Targets) route).targets());
  }

  @Override
  public void close() {
    connector.dispose(false);
  }
}
