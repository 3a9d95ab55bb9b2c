package mxlab.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.cli.SpecOptions;
import mxlab.cli.console.Console;
import mxlab.core.queue.QueueStore;
import mxlab.core.spec.Spec;
import mxlab.outbound.QueueAdmin;
import mxlab.server.Instance;
import mxlab.server.control.AdminContext;
import mxlab.server.control.ControlClient;
import mxlab.server.control.ControlSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `mxlab queue list|show ID|flush|delete ID|retry ID SPEC`: asks the running instance through its
 * control socket, so nothing races a delivery; with none running, works on the files.
 */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = {
      "Look at and act on the outbound queue of SPEC's instance, running or not:",
      "  queue list SPEC | queue show ID SPEC | queue flush SPEC",
      "  queue delete ID SPEC | queue retry ID SPEC"
    })
public final class QueueCliCommand implements Callable<Integer> {
  private static final List<String> WITH_ID = List.of("show", "delete", "retry");
  private static final List<String> WITHOUT_ID = List.of("list", "flush");

  @Parameters(
      arity = "2..3",
      paramLabel = "ACTION [ID] SPEC",
      description = "What to do, and the spec.")
  List<String> words;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "The instance's data directory.")
  Path dataDir;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = self.commandLine().getOut();
    PrintWriter err = self.commandLine().getErr();
    String action = words.get(0);
    boolean needsId = WITH_ID.contains(action);
    if (!needsId && !WITHOUT_ID.contains(action)) {
      throw new CliFailure(
          ExitCode.USAGE,
          "queue: unknown action '" + action + "'; use list, show, flush, delete or retry");
    }
    if (words.size() != (needsId ? 3 : 2)) {
      throw new CliFailure(
          ExitCode.USAGE,
          "queue " + action + (needsId ? " needs an ID and the SPEC" : " needs just the SPEC"));
    }
    Spec spec = SpecOptions.of(Path.of(words.get(words.size() - 1)), dataDir).load(err);
    List<String> args = new ArrayList<>(List.of("queue", action));
    if (needsId) {
      args.add(words.get(1));
    }
    Path data = spec.server().dataDir();
    OptionalInt live =
        ControlClient.run(ControlSocket.of(data), args.toArray(new String[0]), out, err);
    if (live.isPresent()) {
      return live.getAsInt();
    }
    QueueAdmin offline =
        new QueueAdmin(new QueueStore(data.resolve("queue")), null, Clock.systemUTC());
    AdminContext context =
        new AdminContext() {
          @Override
          public QueueAdmin queue() {
            return offline;
          }

          @Override
          public Optional<Instance> instance() {
            return Optional.empty();
          }
        };
    return Console.run(args.toArray(new String[0]), context, out, err);
  }
}
