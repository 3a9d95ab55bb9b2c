package mxlab.cli;

import java.io.PrintWriter;
import mxlab.cli.bridge.ExportCommand;
import mxlab.cli.bridge.ImportCommand;
import mxlab.cli.command.CompletionCommand;
import mxlab.cli.command.InitCommand;
import mxlab.cli.command.PasswdCommand;
import mxlab.cli.command.QueueCliCommand;
import mxlab.cli.command.ReloadCommand;
import mxlab.cli.command.StatusCommand;
import mxlab.cli.command.UpCommand;
import mxlab.cli.command.ValidateCommand;
import mxlab.cli.command.VersionCommand;
import mxlab.cli.command.ZoneCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The mxlab command line. */
@Command(
    name = "mxlab",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    description = "One YAML file in, a whole working mail domain out.",
    subcommands = {
      UpCommand.class,
      ValidateCommand.class,
      ZoneCommand.class,
      QueueCliCommand.class,
      StatusCommand.class,
      ReloadCommand.class,
      InitCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      PasswdCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec self;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      return commandLine(out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliFailure f) {
            commandLine.getErr().println("mxlab: " + f.getMessage());
            commandLine.getErr().flush();
            return f.exitCode();
          }
          throw e;
        });
    return cl;
  }

  @Override
  public void run() {
    self.commandLine().usage(self.commandLine().getOut());
  }
}
