package mxlab.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import mxlab.core.spec.Spec;

/** A service listening on its port, as the instance manages it through reloads. */
public interface Listening extends AutoCloseable {
  InetSocketAddress address();

  /** A reload kept it where it is: take the new spec's settings (zones, limits). */
  default void update(Spec next) {}

  /** A reload moved it: stop accepting; sessions in flight may finish within {@code grace}. */
  default void retire(Duration grace) {
    close();
  }

  @Override
  void close();
}
