package mxlab.cli.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.core.queue.Envelope;
import mxlab.core.text.Printable;
import mxlab.outbound.QueueAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * `queue list|show ID|flush|delete ID|retry ID`, like sendmail's mailq and Postfix's postqueue.
 * Senders, recipients and remote diagnostics came from outside: each is printed escaped, line
 * breaks included.
 */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = "Look at and act on the outbound queue.",
    subcommands = {
      QueueCommand.ListQueue.class,
      QueueCommand.Show.class,
      QueueCommand.Flush.class,
      QueueCommand.Delete.class,
      QueueCommand.Retry.class
    })
final class QueueCommand implements Runnable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  @ParentCommand Console console;
  @Spec CommandSpec self;

  @Override
  public void run() {
    self.commandLine().usage(self.commandLine().getOut());
  }

  QueueAdmin admin() {
    return console.context.queue();
  }

  static Envelope found(QueueAdmin admin, String id) throws IOException {
    Optional<Envelope> e = admin.find(id);
    if (e.isEmpty()) {
      throw new CliFailure(ExitCode.BAD_INPUT, "no message " + id + " in the queue");
    }
    return e.get();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List queued messages.")
  static final class ListQueue implements Callable<Integer> {
    @ParentCommand QueueCommand queue;
    @Spec CommandSpec self;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = self.commandLine().getOut();
      List<Envelope> all = queue.admin().list();
      if (all.isEmpty()) {
        out.println("the queue is empty");
        return ExitCode.OK;
      }
      out.printf(
          "%-16s %-19s %8s %4s  %-19s  %s%n",
          "QUEUE ID", "ARRIVAL", "SIZE", "TRY", "NEXT", "SENDER");
      for (Envelope e : all) {
        out.printf(
            "%-16s %-19s %8d %4d  %-19s  <%s>%s%n",
            e.id(),
            TIME.format(e.arrival()),
            e.size(),
            e.attempts(),
            TIME.format(e.nextAttempt()),
            Printable.escape(e.sender()),
            queue.admin().inFlight(e.id()) ? "  (being delivered)" : "");
        for (Envelope.Recipient r : e.pending()) {
          out.printf(
              "    -> %s%s%n",
              Printable.escape(r.address()),
              r.diagnostic().isEmpty() ? "" : "  (" + Printable.escape(r.diagnostic()) + ")");
        }
      }
      out.printf("-- %d message%s in the queue%n", all.size(), all.size() == 1 ? "" : "s");
      return ExitCode.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one message.")
  static final class Show implements Callable<Integer> {
    @ParentCommand QueueCommand queue;
    @Spec CommandSpec self;

    @Parameters(paramLabel = "ID", description = "The queue id.")
    String id;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = self.commandLine().getOut();
      Envelope e = found(queue.admin(), id);
      out.println("id:        " + e.id());
      out.println("sender:    <" + Printable.escape(e.sender()) + ">");
      out.println("arrival:   " + TIME.format(e.arrival()));
      out.println("size:      " + e.size());
      out.println("attempts:  " + e.attempts());
      out.println("next try:  " + TIME.format(e.nextAttempt()));
      out.println("warned:    " + (e.warned() ? "yes" : "no"));
      for (Envelope.Recipient r : e.recipients()) {
        out.printf(
            "recipient: %s %s%s%s%n",
            Printable.escape(r.address()),
            r.status().name().toLowerCase(),
            r.mta().isEmpty() ? "" : " via " + Printable.escape(r.mta()),
            r.diagnostic().isEmpty() ? "" : ": " + Printable.escape(r.diagnostic()));
      }
      out.println();
      queue.admin().header(e).forEach(out::println);
      return ExitCode.OK;
    }
  }

  @Command(name = "flush", mixinStandardHelpOptions = true, description = "Try every message now.")
  static final class Flush implements Callable<Integer> {
    @ParentCommand QueueCommand queue;
    @Spec CommandSpec self;

    @Override
    public Integer call() throws IOException {
      queue.admin().flush();
      self.commandLine().getOut().println("every queued message is due now");
      return ExitCode.OK;
    }
  }

  @Command(name = "retry", mixinStandardHelpOptions = true, description = "Try one message now.")
  static final class Retry implements Callable<Integer> {
    @ParentCommand QueueCommand queue;
    @Spec CommandSpec self;

    @Parameters(paramLabel = "ID", description = "The queue id.")
    String id;

    @Override
    public Integer call() throws IOException {
      if (!queue.admin().retry(id)) {
        throw new CliFailure(ExitCode.BAD_INPUT, "no message " + id + " in the queue");
      }
      self.commandLine().getOut().println(id + " is due now");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Remove one message, without telling its sender.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand QueueCommand queue;
    @Spec CommandSpec self;

    @Parameters(paramLabel = "ID", description = "The queue id.")
    String id;

    @Override
    public Integer call() throws IOException {
      if (!queue.admin().delete(id)) {
        throw new CliFailure(ExitCode.BAD_INPUT, "no message " + id + " in the queue");
      }
      self.commandLine().getOut().println(id + " deleted");
      return ExitCode.OK;
    }
  }
}
