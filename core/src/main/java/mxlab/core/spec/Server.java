package mxlab.core.spec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The server section: who we are, where we listen, where data lives, and the limits.
 *
 * @param postmaster where postmaster@ of every domain goes unless a domain defines its own
 * @param resolvers DNS servers for outbound MX lookups; empty means the system's
 * @param allowPlaintextAuth lets AUTH, USER/PASS work without TLS (a lab setting)
 * @param relayhost where all outbound mail goes instead of the recipients' MX hosts, or null
 * @param remotePort the port of remote mail servers: 25, or a high port for lab instances that run
 *     unprivileged side by side
 */
public record Server(
    String hostname,
    InetAddress listen,
    Ports ports,
    Path dataDir,
    long maxMessageSize,
    QueueSettings queue,
    String mailerDaemon,
    String postmaster,
    List<InetSocketAddress> resolvers,
    TlsSettings tls,
    boolean allowPlaintextAuth,
    Limits limits,
    Relayhost relayhost,
    int remotePort,
    MailAuth mailAuth) {

  public Server {
    resolvers = List.copyOf(resolvers);
  }

  /**
   * The same server where the command line says otherwise (--listen, --ports, --data-dir): the only
   * settings that may differ from the spec's file.
   */
  public Server withOverrides(InetAddress newListen, Ports newPorts, Path newDataDir) {
    return new Server(
        hostname,
        newListen,
        newPorts,
        newDataDir,
        maxMessageSize,
        queue,
        mailerDaemon,
        postmaster,
        resolvers,
        tls,
        allowPlaintextAuth,
        limits,
        relayhost,
        remotePort,
        mailAuth);
  }

  /** The full address bounces come from, e.g. {@code MAILER-DAEMON@mail.bann.com}. */
  public String mailerDaemonAddress() {
    return mailerDaemon.contains("@") ? mailerDaemon : mailerDaemon + "@" + hostname;
  }
}
