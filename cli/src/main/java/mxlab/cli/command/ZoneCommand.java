package mxlab.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.cli.SpecOptions;
import mxlab.core.address.DomainNames;
import mxlab.core.spec.Spec;
import mxlab.dns.zone.CompiledZone;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneCompiler;
import mxlab.dns.zone.ZoneWriter;
import mxlab.server.DkimRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Prints or writes the BIND master files of a spec. */
@Command(
    name = "zone",
    mixinStandardHelpOptions = true,
    description = "Print the zones of SPEC as BIND master files, or write them with --out.")
public final class ZoneCommand implements Callable<Integer> {
  @Mixin SpecOptions specOptions;

  @Option(names = "--domain", paramLabel = "D", description = "Only this zone.")
  String domain;

  @Option(names = "--out", paramLabel = "DIR", description = "Write db.ZONE files into DIR.")
  Path out;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = self.commandLine().getOut();
    Spec spec = specOptions.load(self.commandLine().getErr());
    // The serials `up` would serve: read from the data directory, never written from here.
    Path serialFile = spec.server().dataDir().resolve("dns").resolve("serials.properties");
    SerialStore serials = SerialStore.open(serialFile, LocalDate.now(ZoneOffset.UTC));
    // DKIM keys as `up` publishes them, if it has made them: none are made from here
    List<CompiledZone> zones =
        ZoneCompiler.compile(spec, serials, DkimRecords.of(spec.server().dataDir(), false));
    if (domain != null) {
      String wanted = DomainNames.normalize(domain);
      zones = zones.stream().filter(z -> z.origin().toString(true).equals(wanted)).toList();
      if (zones.isEmpty()) {
        throw new CliFailure(
            ExitCode.USAGE, "--domain " + domain + ": " + specOptions.file() + " has no such zone");
      }
    }
    String source = specOptions.file().toString();
    if (out == null) {
      zones.forEach(z -> stdout.print(ZoneWriter.write(z, source) + "\n"));
      return ExitCode.OK;
    }
    Files.createDirectories(out);
    for (CompiledZone z : zones) {
      Path file = out.resolve(ZoneWriter.fileName(z));
      Files.writeString(file, ZoneWriter.write(z, source), StandardCharsets.UTF_8);
      stdout.println("wrote " + file);
    }
    return ExitCode.OK;
  }
}
