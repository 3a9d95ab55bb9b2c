package mxlab.cli.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.core.address.MailAddress;
import mxlab.core.routing.Mailbox;
import mxlab.core.routing.Resolution;
import mxlab.core.spec.Domain;
import mxlab.core.text.EncodedWords;
import mxlab.core.text.HeaderFields;
import mxlab.core.text.Printable;
import mxlab.server.Instance;
import mxlab.server.status.StatusProbe;
import mxlab.store.Flag;
import mxlab.store.MailStore;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The console commands that look at or act on the running instance itself. */
final class InstanceCommands {
  private InstanceCommands() {}

  static Instance live(Console console) {
    return console
        .context
        .instance()
        .orElseThrow(() -> new CliFailure(ExitCode.UNAVAILABLE, "mxlab is not running"));
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Probe every service end to end; exit 3 if any is down.")
  static final class Status implements Callable<Integer> {
    @ParentCommand Console console;
    @Spec CommandSpec self;

    @Option(names = "--json", description = "Print JSON, for scripts.")
    boolean json;

    @Override
    public Integer call() {
      Instance instance = live(console);
      StatusProbe.Report report = StatusProbe.probe(instance);
      PrintWriter out = self.commandLine().getOut();
      out.print(json ? report.json() : report.text());
      out.flush();
      return report.allUp() ? ExitCode.OK : ExitCode.UNAVAILABLE;
    }
  }

  @Command(name = "domains", mixinStandardHelpOptions = true, description = "List the domains.")
  static final class Domains implements Callable<Integer> {
    @ParentCommand Console console;
    @Spec CommandSpec self;

    @Override
    public Integer call() {
      PrintWriter out = self.commandLine().getOut();
      Instance instance = live(console);
      out.printf("%-32s %6s %8s %s%n", "DOMAIN", "USERS", "ALIASES", "MX");
      for (Domain d : instance.spec().domains()) {
        out.printf(
            "%-32s %6d %8d %s%n",
            d.name(),
            d.users().size(),
            d.aliases().size(),
            String.join(", ", d.mx().stream().map(m -> m.priority() + " " + m.host()).toList()));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "users", mixinStandardHelpOptions = true, description = "List a domain's users.")
  static final class Users implements Callable<Integer> {
    @ParentCommand Console console;
    @Spec CommandSpec self;

    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Override
    public Integer call() throws IOException {
      Instance instance = live(console);
      Domain d =
          instance
              .spec()
              .domain(domain)
              .orElseThrow(() -> new CliFailure(ExitCode.BAD_INPUT, "no domain " + domain));
      PrintWriter out = self.commandLine().getOut();
      MailStore store = instance.mailDrop().mailStore();
      out.printf("%-32s %8s %s%n", "USER", "MESSAGES", "FORWARD");
      for (var u : d.users()) {
        int count = store.mailbox(d.name(), u.name()).inbox().messages().size();
        out.printf(
            "%-32s %8d %s%n",
            u.name() + "@" + d.name(),
            count,
            u.forward().isEmpty()
                ? ""
                : String.join(", ", u.forward()) + (u.keepCopy() ? " (keeps a copy)" : ""));
      }
      d.aliases()
          .forEach(
              (a, t) ->
                  out.printf(
                      "%-32s %8s -> %s%n", a + "@" + d.name(), "alias", String.join(", ", t)));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "mailbox",
      mixinStandardHelpOptions = true,
      description = "A mailbox: how many messages, their sizes and subjects.")
  static final class MailboxCommand implements Callable<Integer> {
    @ParentCommand Console console;
    @Spec CommandSpec self;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws IOException {
      Instance instance = live(console);
      MailAddress a =
          MailAddress.parse(address)
              .orElseThrow(() -> new CliFailure(ExitCode.BAD_INPUT, "not an address: " + address));
      Resolution r = instance.site().router().resolve(a);
      if (!(r instanceof Resolution.Deliver d) || d.mailboxes().isEmpty()) {
        throw new CliFailure(ExitCode.BAD_INPUT, address + " has no mailbox here");
      }
      PrintWriter out = self.commandLine().getOut();
      for (Mailbox mb : d.mailboxes()) {
        List<mxlab.store.Message> messages =
            instance.mailDrop().mailStore().mailbox(mb.domain(), mb.user()).inbox().messages();
        long total = messages.stream().mapToLong(mxlab.store.Message::size).sum();
        out.printf("%s: %d messages, %d octets%n", mb, messages.size(), total);
        for (mxlab.store.Message m : messages) {
          out.printf(
              "  %8d  %-4s %s%n",
              m.size(), m.flags().has(Flag.SEEN) ? "read" : "new", subject(m.path()));
        }
      }
      return ExitCode.OK;
    }

    /** The subject as a person reads it; it came from the sender, so no control reaches out. */
    private static String subject(Path file) throws IOException {
      // Malformed UTF-8 (an 8-bit header from an old mailer) reads as U+FFFD, not as an error.
      try (BufferedReader header =
          new BufferedReader(
              new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
        return HeaderFields.first(header, "Subject")
            .map(s -> Printable.escape(EncodedWords.decode(s).strip()))
            .orElse("(no subject)");
      }
    }
  }

  @Command(
      name = "dig",
      mixinStandardHelpOptions = true,
      description = "Ask the embedded DNS server, as dig would.")
  static final class Dig implements Callable<Integer> {
    @ParentCommand Console console;
    @Spec CommandSpec self;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "TYPE", defaultValue = "A")
    String type;

    @Override
    public Integer call() throws IOException {
      Instance instance = live(console);
      int t = Type.value(type.toUpperCase());
      if (t < 0) {
        throw new CliFailure(ExitCode.BAD_INPUT, "unknown record type " + type);
      }
      SimpleResolver resolver = new SimpleResolver(instance.boundAddress("dns"));
      resolver.setTimeout(java.time.Duration.ofSeconds(3));
      Message answer =
          resolver.send(
              Message.newQuery(
                  Record.newRecord(
                      Name.fromString(name.endsWith(".") ? name : name + "."), t, DClass.IN)));
      PrintWriter out = self.commandLine().getOut();
      out.println(";; status: " + Rcode.string(answer.getRcode()));
      for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
        for (Record r : answer.getSection(section)) {
          if (r.getType() != Type.OPT) {
            out.println(r);
          }
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "reload",
      mixinStandardHelpOptions = true,
      description = "Read the spec again and apply it without a restart.")
  static final class Reload implements Callable<Integer> {
    @ParentCommand Console console;
    @Spec CommandSpec self;

    @Override
    public Integer call() {
      Instance.ReloadReport report = live(console).reload();
      PrintWriter sink =
          report.applied() ? self.commandLine().getOut() : self.commandLine().getErr();
      report.lines().forEach(sink::println);
      if (report.applied()) {
        sink.println("reloaded");
      }
      return report.applied() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
  }

  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = "log tail [-n N]: the last log lines.")
  static final class Log implements Callable<Integer> {
    @Spec CommandSpec self;

    @Parameters(paramLabel = "tail", description = "Only 'tail'.")
    String what;

    @Option(names = "-n", defaultValue = "50", description = "How many lines (default 50).")
    int lines;

    @Override
    public Integer call() {
      if (!what.equals("tail")) {
        throw new CliFailure(ExitCode.USAGE, "log: only 'log tail [-n N]'");
      }
      RecentLog.last(Math.max(1, Math.min(lines, 2000)))
          .forEach(self.commandLine().getOut()::println);
      return ExitCode.OK;
    }
  }
}
