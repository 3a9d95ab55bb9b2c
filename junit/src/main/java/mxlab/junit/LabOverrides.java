package mxlab.junit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import mxlab.core.spec.Ports;
import mxlab.core.spec.Relayhost;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;

/**
 * What a lab changes in any spec, on every read (so a reload keeps it): 127.0.0.1, port 0 for the
 * services a lab offers and every other service off (a service added to {@link Service} later stays
 * off until the harness exposes it), its own data directory, and the capturing remote server as the
 * relayhost for all outbound mail.
 */
record LabOverrides(Path dataDir, int remotePort) implements UnaryOperator<Spec> {
  /** The services a lab runs; each has an accessor on {@link MxlabExtension}. */
  static final Set<Service> EXPOSED =
      EnumSet.of(
          Service.DNS,
          Service.SMTP,
          Service.SUBMISSION,
          Service.SUBMISSIONS,
          Service.POP3,
          Service.POP3S,
          Service.IMAP,
          Service.IMAPS);

  static final InetAddress LOOPBACK = loopback();

  @Override
  public Spec apply(Spec spec) {
    Ports ports = Ports.defaults();
    for (Service s : Service.values()) {
      ports = ports.with(s, EXPOSED.contains(s) ? 0 : Ports.OFF);
    }
    Server s = spec.server();
    return spec.withServer(
        new Server(
            s.hostname(),
            LOOPBACK,
            ports,
            dataDir,
            s.maxMessageSize(),
            s.queue(),
            s.mailerDaemon(),
            s.postmaster(),
            s.resolvers(),
            s.tls(),
            s.allowPlaintextAuth(),
            s.limits(),
            new Relayhost(LOOPBACK.getHostAddress(), remotePort, false),
            s.remotePort(),
            s.mailAuth()));
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
