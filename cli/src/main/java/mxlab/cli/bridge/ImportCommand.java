package mxlab.cli.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mxlab.bridge.sendmail.SendmailImport;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `mxlab import --from sendmail DIR [--zones DIR] > spec.yaml`. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Turn an existing sendmail setup (access, local-host-names, relay-domains, virtusertable,",
      "aliases; sendmail.mc, passwd and .forward files where present; BIND zone files with",
      "--zones) into a spec on stdout. What has no place in a spec is reported on stderr."
    })
public final class ImportCommand implements Callable<Integer> {
  /** What can be imported; Postfix would be the next. */
  public enum Source {
    sendmail
  }

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FORMAT",
      description = "sendmail (the only one so far).")
  Source from;

  @Option(names = "--zones", paramLabel = "DIR", description = "BIND zone files (db.DOMAIN).")
  Path zones;

  @Parameters(paramLabel = "DIR", description = "The sendmail files, like /etc/mail.")
  Path dir;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(dir.resolve("local-host-names"))) {
      throw new CliFailure(
          ExitCode.BAD_INPUT,
          dir + " has no local-host-names: give sendmail's directory, like /etc/mail");
    }
    if (zones != null && !Files.isDirectory(zones)) {
      throw new CliFailure(ExitCode.BAD_INPUT, "--zones " + zones + " is not a directory");
    }
    SendmailImport.Result r = SendmailImport.read(dir, zones);
    self.commandLine().getOut().print(r.yaml());
    r.report().forEach(line -> self.commandLine().getErr().println("not imported: " + line));
    return ExitCode.OK;
  }
}
