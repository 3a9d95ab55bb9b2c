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

  /** A starter of {@code services}, each started by {@code start}. */
  static ServiceStarter of(Set<Service> services, Start start) {
    return new ServiceStarter() {
      @Override
      public Set<Service> services() {
        return services;
      }

      @Override
      public Listening start(Service service, InetSocketAddress address) throws IOException {
        return start.start(service, address);
      }
    };
  }

  /** What {@link #start} does, for {@link #of}. */
  @FunctionalInterface
  interface Start {
    Listening start(Service service, InetSocketAddress address) throws IOException;
  }

  /** Makes the starter of one instance, from what the instance shares with its services. */
  @FunctionalInterface
  interface Factory {
    ServiceStarter on(Services shared);
  }
}
