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
    int remotePort) {

  public Server {
    resolvers = List.copyOf(resolvers);
  }

  public Server withListen(InetAddress address) {
    return new Server(
        hostname,
        address,
        ports,
        dataDir,
        maxMessageSize,
        queue,
        mailerDaemon,
        postmaster,
        resolvers,
        tls,
        allowPlaintextAuth,
        limits,
        relayhost,
        remotePort);
  }

  public Server withPorts(Ports newPorts) {
    return new Server(
        hostname,
        listen,
        newPorts,
        dataDir,
        maxMessageSize,
        queue,
        mailerDaemon,
        postmaster,
        resolvers,
        tls,
        allowPlaintextAuth,
        limits,
        relayhost,
        remotePort);
  }

  public Server withDataDir(Path dir) {
    return new Server(
        hostname,
        listen,
        ports,
        dir,
        maxMessageSize,
        queue,
        mailerDaemon,
        postmaster,
        resolvers,
        tls,
        allowPlaintextAuth,
        limits,
        relayhost,
        remotePort);
  }

  public Server withQueue(QueueSettings settings) {
    return new Server(
        hostname,
        listen,
        ports,
        dataDir,
        maxMessageSize,
        settings,
        mailerDaemon,
        postmaster,
        resolvers,
        tls,
        allowPlaintextAuth,
        limits,
        relayhost,
        remotePort);
  }

  public Server withResolvers(List<InetSocketAddress> servers) {
    return new Server(
        hostname,
        listen,
        ports,
        dataDir,
        maxMessageSize,
        queue,
        mailerDaemon,
        postmaster,
        servers,
        tls,
        allowPlaintextAuth,
        limits,
        relayhost,
        remotePort);
  }

  /** The full address bounces come from, e.g. {@code MAILER-DAEMON@mail.bann.com}. */
  public String mailerDaemonAddress() {
    return mailerDaemon.contains("@") ? mailerDaemon : mailerDaemon + "@" + hostname;
  }
}
