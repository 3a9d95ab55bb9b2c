package mxlab.server.control;

import java.util.Optional;
import mxlab.outbound.QueueAdmin;
import mxlab.server.Instance;

/** What console commands act on: a running instance, or (offline) just its data directory. */
public interface AdminContext {
  QueueAdmin queue();

  /** The running instance; empty when a command works on the files of a stopped one. */
  Optional<Instance> instance();
}
