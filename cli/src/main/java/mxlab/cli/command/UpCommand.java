package mxlab.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.cli.Instances;
import mxlab.cli.SpecOptions;
import mxlab.cli.Versions;
import mxlab.core.spec.Spec;
import mxlab.dns.zone.CompiledZone;
import mxlab.server.Instance;
import mxlab.server.Listener;
import mxlab.server.SpecSource;
import mxlab.server.SpecWatcher;
import mxlab.server.StartFailure;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** Validates the spec, compiles it and runs every service until Ctrl-C or SIGTERM. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Validate SPEC, compile its zones and run DNS, SMTP, POP3 and SSH for it.")
public final class UpCommand implements Callable<Integer> {
  /** Domains whose key records are printed; the rest are counted. */
  private static final int SHOWN_DOMAINS = 5;

  @Mixin SpecOptions specOptions;

  @Option(names = "--watch", description = "Reload when the spec file changes.")
  boolean watch;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws InterruptedException, java.io.IOException {
    PrintWriter out = self.commandLine().getOut();
    PrintWriter err = self.commandLine().getErr();
    Spec spec = specOptions.load(err);
    SpecOptions.warnUnreachableHosts(spec, err);
    Instance instance;
    try {
      instance =
          Instances.start(new SpecSource(specOptions.file(), specOptions::applyOverrides), spec);
    } catch (StartFailure e) {
      throw new CliFailure(ExitCode.UNAVAILABLE, e.getMessage() + "\nnothing was left running");
    }
    CountDownLatch stop = new CountDownLatch(1);
    // Ctrl-C and SIGTERM ask for a clean stop and exit 0; the hook covers any other exit.
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), s -> stop.countDown());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "mxlab-shutdown"));
    // SIGHUP reloads, as for named and sendmail.
    Signal.handle(new Signal("HUP"), s -> new Thread(instance::reload, "reload").start());
    if (watch) {
      SpecWatcher.watch(specOptions.file(), instance::reload);
    }
    printSummary(out, instance);
    stop.await();
    err.println("mxlab: stopping");
    err.flush();
    instance.close();
    return ExitCode.OK;
  }

  private static String hostPort(Listener l) {
    String host = l.address().getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + l.address().getPort();
  }

  static void printSummary(PrintWriter out, Instance instance) {
    Spec spec = instance.spec();
    out.printf(
        "mxlab %s is up for %s (data in %s)%n%n",
        Versions.version(), spec.file(), spec.server().dataDir());
    out.printf("  %-12s %-5s %s%n", "SERVICE", "PROTO", "LISTENING ON");
    for (Listener l : instance.listeners()) {
      out.printf("  %-12s %-5s %s%n", l.service(), l.protocol(), l.hostPort());
    }
    out.println();
    List<CompiledZone> zones = instance.zones();
    int shown = 0;
    for (CompiledZone z : zones) {
      if (shown++ == SHOWN_DOMAINS) {
        out.printf("  ... and %d more zones (mxlab zone SPEC prints them all)%n", zones.size() - 5);
        break;
      }
      for (Record r : z.records()) {
        if (r.getType() == Type.MX || r.getType() == Type.PTR) {
          out.println("  " + r);
        }
      }
    }
    instance.listeners().stream()
        .filter(l -> l.service().equals("dns"))
        .findFirst()
        .ifPresent(
            l ->
                out.printf(
                    "%nTry: dig @%s -p %d %s MX%n",
                    l.address().getAddress().getHostAddress(),
                    l.address().getPort(),
                    spec.domains().get(0).name()));
    for (String web : new String[] {"https", "http"}) {
      instance.listeners().stream()
          .filter(l -> l.service().equals(web))
          .findFirst()
          .ifPresent(
              l ->
                  out.printf(
                      "Lab page: %s://%s/ (Thunderbird autoconfig: %s://autoconfig.%s%s/)%n",
                      web,
                      hostPort(l),
                      web,
                      spec.domains().get(0).name(),
                      l.address().getPort() == (web.equals("https") ? 443 : 80)
                          ? ""
                          : ":" + l.address().getPort()));
    }
    if (instance.listeners().stream().anyMatch(l -> l.service().startsWith("http"))) {
      out.printf(
          "  (users log in with their address; the admin as admin with the token in %s)%n",
          spec.server().dataDir().resolve("web").resolve("admin-token"));
    }
    out.println("Stop with Ctrl-C.");
    out.flush();
  }
}
