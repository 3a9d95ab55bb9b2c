package mxlab.junit;

import java.net.InetSocketAddress;

/** Where a lab service listens: always 127.0.0.1 and a port the system picked. */
public record Endpoint(String host, int port) {
  static Endpoint of(InetSocketAddress address) {
    return new Endpoint(address.getAddress().getHostAddress(), address.getPort());
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
