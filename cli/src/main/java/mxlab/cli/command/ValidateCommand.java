package mxlab.cli.command;

import java.util.concurrent.Callable;
import mxlab.cli.ExitCode;
import mxlab.cli.SpecOptions;
import mxlab.core.spec.Spec;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** Checks a spec and compiles it without starting anything, like m4 sendmail.mc > sendmail.cf. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check SPEC and report every mistake with file:line:column; start nothing.")
public final class ValidateCommand implements Callable<Integer> {
  @Mixin SpecOptions specOptions;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() {
    Spec spec = specOptions.load(self.commandLine().getErr());
    SpecOptions.warnUnreachableHosts(spec, self.commandLine().getErr());
    int zones = ZoneCompiler.compile(spec, SerialStore.inMemory()).size();
    int users = spec.domains().stream().mapToInt(d -> d.users().size()).sum();
    self.commandLine()
        .getOut()
        .printf(
            "%s is valid: %d domains, %d users, %d zones%n",
            specOptions.file(), spec.domains().size(), users, zones);
    return ExitCode.OK;
  }
}
