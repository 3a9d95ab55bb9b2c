package mxlab.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Optional;
import mxlab.core.address.IpLiterals;
import mxlab.core.spec.MailHostReach;
import mxlab.core.spec.MtaStsReach;
import mxlab.core.spec.Ports;
import mxlab.core.spec.Problem;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecException;
import mxlab.core.spec.read.SpecLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The spec file and the overrides that let one spec run unprivileged or side by side with another:
 * {@code --listen}, {@code --ports}, {@code --data-dir}.
 */
public final class SpecOptions {
  @Parameters(index = "0", paramLabel = "SPEC", description = "The domain spec (YAML).")
  Path file;

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      description = "Listen on this address instead of server.listen.")
  String listen;

  @Option(
      names = "--lab-address",
      paramLabel = "ADDR",
      description =
          "Listen on ADDR and point every domain's mail hosts (MX and NS) at it, so that clients"
              + " following the zones (Thunderbird's autoconfig, senders) reach this mxlab.")
  String labAddress;

  @Option(
      names = "--ports",
      paramLabel = "NAME=PORT,...",
      description =
          "Override ports: dns, smtp, submission, submissions, pop3, pop3s, imap, imaps, http, https, ssh."
              + " 0 picks a free port, 'off' disables a service.")
  String ports;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Keep mailboxes, queue and keys here instead of server.data_dir.")
  Path dataDir;

  /** Options for commands that take the spec in another position. */
  public static SpecOptions of(Path file, Path dataDir) {
    SpecOptions o = new SpecOptions();
    o.file = file;
    o.dataDir = dataDir;
    return o;
  }

  public Path file() {
    return file;
  }

  /** Loads the spec, prints its warnings, applies the overrides; fails with every error. */
  public Spec load(PrintWriter err) {
    SpecLoader.Loaded loaded;
    try {
      loaded = SpecLoader.load(file);
    } catch (SpecException e) {
      e.problems().forEach(p -> err.println(p));
      long errors =
          e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
      throw new CliFailure(
          ExitCode.BAD_INPUT,
          file + ": " + errors + (errors == 1 ? " error" : " errors") + "; nothing was started");
    }
    loaded.warnings().forEach(err::println);
    err.flush();
    return applyOverrides(loaded.spec());
  }

  /**
   * Says which mail host addresses of the zones lead nowhere near this mxlab, and which MTA-STS
   * policies cannot be served (after --ports: it may have turned https off).
   */
  public static void warnUnreachableHosts(Spec spec, PrintWriter err) {
    MailHostReach.warnings(spec, SpecOptions::isLocal).forEach(err::println);
    MtaStsReach.warnings(spec).forEach(err::println);
    err.flush();
  }

  private static boolean isLocal(InetAddress a) {
    try {
      return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
    } catch (java.net.SocketException e) {
      return false;
    }
  }

  public Spec applyOverrides(Spec spec) {
    var server = spec.server();
    InetAddress address = server.listen();
    if (listen != null) {
      address =
          IpLiterals.parse(listen.equals("*") ? "0.0.0.0" : listen)
              .orElseThrow(
                  () ->
                      new CliFailure(
                          ExitCode.USAGE,
                          "--listen " + listen + ": not an IP address; write e.g. 127.0.0.1"));
    }
    server =
        server.withOverrides(
            address,
            ports == null ? server.ports() : parsePorts(ports, server.ports()),
            dataDir == null ? server.dataDir() : dataDir.toAbsolutePath().normalize());
    Spec overridden = spec.withServer(server);
    if (labAddress != null) {
      overridden =
          MailHostReach.onLabAddress(
              overridden,
              IpLiterals.parse(labAddress)
                  .filter(a -> !a.isAnyLocalAddress())
                  .orElseThrow(
                      () ->
                          new CliFailure(
                              ExitCode.USAGE,
                              "--lab-address "
                                  + labAddress
                                  + ": not a single IP address (the wildcard is not one); write e.g. 127.0.0.1")));
    }
    return overridden;
  }

  static Ports parsePorts(String text, Ports base) {
    Ports result = base;
    for (String item : text.split(",")) {
      String[] kv = item.trim().split("=", 2);
      Optional<Service> service = Service.byName(kv[0].trim());
      if (service.isEmpty()) {
        throw new CliFailure(
            ExitCode.USAGE,
            "--ports: unknown service '" + kv[0].trim() + "'; the names are " + Service.names());
      }
      Optional<Integer> port = kv.length == 2 ? Ports.parse(kv[1]) : Optional.empty();
      if (port.isEmpty()) {
        throw new CliFailure(
            ExitCode.USAGE,
            "--ports: '"
                + item.trim()
                + "' needs a port from 0 to 65535 or 'off', like "
                + service.get().specName()
                + "="
                + (service.get().defaultPort() + 10000));
      }
      result = result.with(service.get(), port.get());
    }
    return result;
  }
}
