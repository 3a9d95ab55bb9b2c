package mxlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mxlab.core.spec.Limits;
import mxlab.core.spec.TlsSettings;
import mxlab.core.tls.TlsMaterial;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop every line protocol shares, through a toy protocol on a real socket: "ok" answers +,
 * "bad" answers - (a failure), "slow" answers after a pause, "tls" upgrades; anything else is
 * echoed.
 */
class ConnectionTest {
  @TempDir Path data;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private LineServer server;
  private TlsMaterial tls;

  private final class Toy implements Protocol<Line> {
    private final Connection<Line> conn;
    private int secured;

    Toy(IoSession io) {
      conn = new Connection<>(io, new LineFraming(() -> 100));
      conn.closeAfterErrors(() -> 3, bytes("! too many errors"));
      conn.handledBy(this);
    }

    @Override
    public void opened() {
      say("hello", Connection.Verdict.NEUTRAL);
    }

    @Override
    public void received(Line line) {
      String text = line.tooLong() ? "<too long>" : line.text();
      switch (text) {
        case "ok" -> say("+", Connection.Verdict.SUCCESS);
        case "bad" -> say("-", Connection.Verdict.FAILURE);
        case "slow" ->
            conn.pauseFor(
                Duration.ofMillis(300), timer, () -> say("+ late", Connection.Verdict.SUCCESS));
        case "tls" -> conn.startTls(tls.context(), bytes("+ go"));
        default -> say("echo " + text + " secured=" + secured, Connection.Verdict.NEUTRAL);
      }
    }

    private void say(String s, Connection.Verdict v) {
      conn.reply(bytes(s), v);
    }

    @Override
    public void secured() {
      secured++;
    }

    @Override
    public void timedOut() {
      conn.closeWith(bytes("! timeout"));
    }

    @Override
    public void failed(Exception e) {
      conn.closeWith(bytes("! failed"));
    }

    @Override
    public void closed() {}
  }

  private static byte[] bytes(String line) {
    return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  @BeforeEach
  void start() throws IOException {
    tls = TlsMaterial.load(TlsSettings.selfSigned(), data, "toy.lab");
    server =
        LineServer.bind(
            "toy",
            new InetSocketAddress("127.0.0.1", 0),
            new ConnectionHandler("toy", io -> new Toy(io).conn),
            Limits.defaults(),
            null,
            4);
  }

  @AfterEach
  void stop() {
    server.close();
    timer.shutdownNow();
  }

  @Test
  void pipelinedLinesAreAnsweredInOrderEvenAcrossAPause() throws Exception {
    try (Dialogue d = Dialogue.connect(server.address())) {
      d.expect("hello");
      d.raw("one\r\nslow\r\ntwo\r\nok\r\n");
      d.expect("echo one secured=0");
      d.expect("+ late");
      d.expect("echo two secured=0");
      d.expect("+");
    }
  }

  @Test
  void failuresInARowCloseTheConnectionASuccessResetsTheCount() throws Exception {
    try (Dialogue d = Dialogue.connect(server.address())) {
      d.expect("hello");
      d.raw("bad\r\nbad\r\nok\r\nbad\r\nbad\r\n");
      for (String s : new String[] {"-", "-", "+", "-", "-"}) {
        d.expect(s);
      }
      d.raw("neutral\r\nbad\r\n");
      d.expect("echo neutral secured=0");
      d.expect("-");
      d.expect("! too many errors");
      assertThat(d.closedByServer()).isTrue();
    }
  }

  @Test
  void whatWasSentBeforeTheHandshakeIsDroppedAndTheProtocolIsTold() throws Exception {
    try (Dialogue d = Dialogue.connect(server.address())) {
      d.expect("hello");
      d.raw("tls\r\ninjected\r\n"); // CVE-2011-0411: the second line must never be read
      d.expect("+ go");
      d.upgrade();
      d.send("after");
      d.expect("echo after secured=1");
    }
  }

  @Test
  void anOverLongLineIsReportedNotKept() throws Exception {
    try (Dialogue d = Dialogue.connect(server.address())) {
      d.expect("hello");
      d.raw("x".repeat(5000) + "\r\nshort\r\n");
      d.expect("echo <too long> secured=0");
      d.expect("echo short secured=0");
    }
  }
}
