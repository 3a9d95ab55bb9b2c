package mxlab.cli.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `mxlab status SPEC`: every service of the running instance probed end to end. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Probe every service of SPEC's running instance end to end (DNS answers, SMTP and",
      "submission banners and EHLO, POP3/POP3S and SSH banners), and count the queue and",
      "mailboxes. Exit status 3 if anything is down or mxlab is not running."
    })
public final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC")
  Path spec;

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--json", description = "Print JSON, for scripts.")
  boolean json;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws Exception {
    String[] args = json ? new String[] {"status", "--json"} : new String[] {"status"};
    return RemoteCommand.run(
        spec, dataDir, args, self.commandLine().getOut(), self.commandLine().getErr());
  }
}
