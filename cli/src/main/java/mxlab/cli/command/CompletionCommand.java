package mxlab.cli.command;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a bash/zsh completion script: source <(mxlab completion). */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script; use: source <(mxlab completion)")
public final class CompletionCommand implements Runnable {
  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public void run() {
    self.commandLine().getOut().print(AutoComplete.bash("mxlab", self.commandLine().getParent()));
  }
}
