package mxlab.cli.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `mxlab reload SPEC`: the running instance reads its spec again and applies it. */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Make SPEC's running instance read its spec again. If the new spec has mistakes, they",
      "are printed and the instance keeps running on the old one (exit status 1)."
    })
public final class ReloadCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC")
  Path spec;

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws Exception {
    return RemoteCommand.run(
        spec,
        dataDir,
        new String[] {"reload"},
        self.commandLine().getOut(),
        self.commandLine().getErr());
  }
}
