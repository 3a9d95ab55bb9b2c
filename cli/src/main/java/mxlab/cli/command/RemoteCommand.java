package mxlab.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.cli.SpecOptions;
import mxlab.core.spec.Spec;
import mxlab.server.control.ControlClient;
import mxlab.server.control.ControlSocket;

/** Runs a console command in the instance SPEC runs as, through its control socket. */
final class RemoteCommand {
  private RemoteCommand() {}

  static int run(Path specFile, Path dataDir, String[] args, PrintWriter out, PrintWriter err)
      throws java.io.IOException {
    Spec spec;
    try {
      spec = SpecOptions.of(specFile, dataDir).load(err);
    } catch (CliFailure f) {
      throw new CliFailure(
          f.exitCode(), specFile + " has mistakes (above); a running mxlab keeps the spec it has");
    }
    Path socket = ControlSocket.of(spec.server().dataDir());
    OptionalInt status = ControlClient.run(socket, args, out, err);
    if (status.isEmpty()) {
      err.println(
          "mxlab: no running mxlab answers for "
              + specFile
              + " (no control socket at "
              + socket
              + "); start it with: mxlab up "
              + specFile);
      return ExitCode.UNAVAILABLE;
    }
    return status.getAsInt();
  }
}
