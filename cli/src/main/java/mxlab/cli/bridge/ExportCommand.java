package mxlab.cli.bridge;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import mxlab.bridge.export.Export;
import mxlab.bridge.export.ExportTarget;
import mxlab.cli.ExitCode;
import mxlab.cli.SpecOptions;
import mxlab.core.spec.Spec;
import mxlab.core.tls.CertificateNames;
import mxlab.core.tls.TlsMaterial;
import mxlab.dns.zone.ZoneAdditions;
import mxlab.server.DkimRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `mxlab export --to sendmail|postfix|dovecot|bind --out DIR SPEC`. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write what an admin of the classic stack would have written for SPEC: sendmail's",
      "sendmail.mc and maps, Postfix's main.cf/master.cf and maps, Dovecot's dovecot.conf and",
      "passwd-file, or BIND's named.conf and zone files. What the target cannot express is",
      "listed on stderr."
    })
public final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--to",
      required = true,
      paramLabel = "FORMAT",
      description = "sendmail, postfix, dovecot or bind.")
  ExportTarget to;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Write the files here.")
  Path out;

  @Option(
      names = "--install-dir",
      paramLabel = "DIR",
      description =
          "Where the files will live, for paths inside them (default: /etc/mail, /etc/postfix, /etc/dovecot, /etc/bind).")
  Path installDir;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "The instance's data directory.")
  Path dataDir;

  @Parameters(paramLabel = "SPEC")
  Path spec;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = self.commandLine().getErr();
    Spec s = SpecOptions.of(spec, dataDir).load(err);
    if (s.server().tls().isSelfSigned()) {
      // the exports point at mxlab's own certificate: make it now, with the names `up` gives it, if
      // no run has yet
      TlsMaterial.load(s.server().tls(), s.server().dataDir(), CertificateNames.of(s));
    }
    // BIND serves the DKIM key records `up` serves: the same keys, made now if no run has yet
    ZoneAdditions dkim = to == ExportTarget.bind ? DkimRecords.made(s) : ZoneAdditions.NONE;
    Export export =
        to.export(s, installDir == null ? to.home() : installDir.toAbsolutePath(), dkim);
    for (Map.Entry<String, String> f : export.files().entrySet()) {
      Path file = out.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
      self.commandLine().getOut().println("wrote " + file);
    }
    for (String note : export.notes()) {
      err.println("not exported: " + note);
    }
    return ExitCode.OK;
  }
}
