package mxlab.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import mxlab.core.spec.Service;

/**
 * Starts the services of one protocol module. An instance asks each registered starter for the
 * services the spec enables; a new protocol is one more starter in the list ({@link Starters}).
 */
public interface ServiceStarter {
  /** The services this starter can start. */
  Set<Service> services();

  /** Starts {@code service} on {@code address} (port 0: any free one). */
  Listening start(Service service, InetSocketAddress address) throws IOException;

  /** Makes the starter of one instance, from what the instance shares with its services. */
  @FunctionalInterface
  interface Factory {
    ServiceStarter on(Services shared);
  }
}
