package mxlab.cli;

import static mxlab.core.spec.SpecFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueIds;
import mxlab.core.queue.QueueStore;
import mxlab.core.spec.read.SpecLoader;
import mxlab.server.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueCliTest {
  @TempDir Path dir;

  /** Everything on free ports; outbound mail to a port where nobody listens, so it waits. */
  private Path spec() throws Exception {
    Path spec = dir.resolve("lab.yaml");
    Files.writeString(
        spec,
        minimal("")
            + "server:\n"
            + "  data_dir: data\n"
            + "  relayhost: \"[127.0.0.1]:1\"\n"
            + "  ports: { dns: 0, smtp: 0, submission: off, submissions: off, pop3: off,"
            + " pop3s: off, imap: off, imaps: off, http: off, https: off, ssh: off }\n");
    return spec;
  }

  private String queued(Path data) throws Exception {
    return queued(data, new Envelope.Recipient("x@far.example", Envelope.Status.PENDING, "", ""));
  }

  private String queued(Path data, Envelope.Recipient recipient) throws Exception {
    QueueStore store = new QueueStore(data.resolve("queue"));
    String id = QueueIds.next();
    Path msg = Files.createTempFile(dir, "m", ".eml");
    Files.writeString(msg, "Return-Path: <a@b.c>\nSubject: waiting\n\nbody\n");
    Instant now = Instant.now();
    store.add(
        msg,
        new Envelope(
            id,
            now,
            "a@b.c",
            21,
            30,
            false,
            false,
            0,
            now.plusSeconds(3600),
            null,
            false,
            List.of(recipient)));
    return id;
  }

  @Test
  void worksOnTheFilesWhenNothingRuns() throws Exception {
    Path spec = spec();
    assertThat(CliRun.of("queue", "list", spec.toString()).out()).contains("the queue is empty");
    String id = queued(dir.resolve("data"));
    CliRun list = CliRun.of("queue", "list", spec.toString());
    assertThat(list.exit()).isZero();
    assertThat(list.out())
        .contains(id)
        .contains("<a@b.c>")
        .contains("-> x@far.example")
        .contains("1 message");
    assertThat(CliRun.of("queue", "show", id, spec.toString()).out())
        .contains("recipient: x@far.example pending")
        .contains("Subject: waiting");
    assertThat(CliRun.of("queue", "retry", id, spec.toString()).out()).contains(id + " is due now");
    assertThat(CliRun.of("queue", "flush", spec.toString()).exit()).isZero();
    assertThat(CliRun.of("queue", "delete", id, spec.toString()).out()).contains("deleted");
    CliRun gone = CliRun.of("queue", "show", id, spec.toString());
    assertThat(gone.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(gone.err()).contains("no message " + id);
  }

  @Test
  void aRemoteDiagnosticCannotAddLinesOrSteerTheTerminal() throws Exception {
    Path spec = spec();
    String id =
        queued(
            dir.resolve("data"),
            new Envelope.Recipient(
                "x@far.example",
                Envelope.Status.PENDING,
                "mx.far.example",
                "451 busy\r\n    -> forged@victim.example\u001b[2J"));
    String list = CliRun.of("queue", "list", spec.toString()).out();
    assertThat(list)
        .contains("-> forged@victim.example\\033[2J)")
        .doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f]");
    assertThat(list.lines()).noneMatch(l -> l.startsWith("    -> forged"));
    assertThat(CliRun.of("queue", "show", id, spec.toString()).out())
        .contains("via mx.far.example: 451 busy")
        .contains("-> forged@victim.example\\033[2J")
        .doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f]");
  }

  @Test
  void badActionsAreUsageErrors() throws Exception {
    Path spec = spec();
    assertThat(CliRun.of("queue", "purge", spec.toString()).err())
        .contains("unknown action 'purge'");
    assertThat(CliRun.of("queue", "show", spec.toString()).err())
        .contains("needs an ID and the SPEC");
  }

  @Test
  void asksTheRunningInstance() throws Exception {
    Path spec = spec();
    try (Instance instance = Instances.start(SpecLoader.load(spec).spec())) {
      String id = queued(dir.resolve("data"));
      assertThat(CliRun.of("queue", "retry", id, spec.toString()).exit()).isZero();
      long deadline = System.nanoTime() + 10_000_000_000L;
      String out;
      do {
        Thread.sleep(100);
        out = CliRun.of("queue", "show", id, spec.toString()).out();
      } while (!out.contains("attempts:  1") && System.nanoTime() < deadline);
      assertThat(out).contains("attempts:  1").contains("127.0.0.1"); // tried, deferred
      assertThat(CliRun.of("queue", "delete", id, spec.toString()).exit()).isZero();
      assertThat(CliRun.of("queue", "list", spec.toString()).out()).contains("the queue is empty");
      CliRun second = CliRun.of("up", spec.toString(), "--ports", "dns=off,smtp=off");
      assertThat(second.exit()).isEqualTo(ExitCode.UNAVAILABLE);
      assertThat(second.err())
          .contains("another mxlab is already running with this data directory");
    }
  }
}
