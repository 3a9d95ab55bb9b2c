package mxlab.cli.command;

import mxlab.cli.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** Prints the version, like --version. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
public final class VersionCommand implements Runnable {
  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public void run() {
    for (String line : new Versions().getVersion()) {
      self.commandLine().getOut().println(line);
    }
  }
}
