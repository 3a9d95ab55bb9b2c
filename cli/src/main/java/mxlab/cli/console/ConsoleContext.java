package mxlab.cli.console;

import java.util.Optional;
import mxlab.cli.runtime.Instance;
import mxlab.outbound.QueueAdmin;

/** What console commands act on: a running instance, or (offline) just its data directory. */
public interface ConsoleContext {
  QueueAdmin queue();

  /** The running instance; empty when a command works on the files of a stopped one. */
  Optional<Instance> instance();
}
