package mxlab.server;

import java.net.InetSocketAddress;

/** One socket a running instance listens on, for the table `up` prints and `status` probes. */
public record Listener(String service, String protocol, InetSocketAddress address) {
  public String hostPort() {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
