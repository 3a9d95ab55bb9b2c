package mxlab.cli.console;

import java.io.PrintWriter;
import mxlab.cli.CliFailure;
import mxlab.server.control.AdminContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands an admin runs against a live instance: over the control socket (`mxlab queue`,
 * `mxlab reload`) and the SSH console. No file system access, no arbitrary commands.
 */
@Command(
    name = "mxlab",
    mixinStandardHelpOptions = true,
    description = "Commands for a running mxlab.",
    subcommands = {
      InstanceCommands.Status.class,
      InstanceCommands.Domains.class,
      InstanceCommands.Users.class,
      InstanceCommands.MailboxCommand.class,
      QueueCommand.class,
      InstanceCommands.Dig.class,
      InstanceCommands.Reload.class,
      InstanceCommands.Log.class,
      CommandLine.HelpCommand.class
    })
public final class Console implements Runnable {
  final AdminContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec self;

  Console(AdminContext context) {
    this.context = context;
  }

  /**
   * Runs one command line; output to {@code out}, errors to {@code err}; the exit status. The words
   * come from an SSH client or the control socket, so picocli's "@file" expansion is off (it would
   * read any file the server can and echo it in an error), and so are ANSI colours; what is printed
   * has its control characters escaped.
   */
  public static int run(String[] args, AdminContext context, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Console(context));
    cl.setExpandAtFiles(false);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cl.setOut(new PrintWriter(new PrintableWriter(out)));
    cl.setErr(new PrintWriter(new PrintableWriter(err)));
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliFailure f) {
            commandLine.getErr().println(f.getMessage());
            return f.exitCode();
          }
          commandLine.getErr().println("error: " + e.getMessage());
          return 1;
        });
    try {
      return cl.execute(args);
    } finally {
      cl.getOut().flush();
      cl.getErr().flush();
    }
  }

  @Override
  public void run() {
    self.commandLine().usage(self.commandLine().getOut());
  }
}
