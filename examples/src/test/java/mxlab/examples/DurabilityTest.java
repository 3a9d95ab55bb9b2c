package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash never loses a message that got 250: mxlab in its own JVM takes mail from eight clients,
 * is killed with SIGKILL in the middle, and started again on the same data directory. Every message
 * answered 250 must then be complete in its Maildir (local) or the queue (remote), and no
 * half-written message may be visible anywhere.
 */
class DurabilityTest {
  @TempDir Path dir;

  private static final String BODY_LINE = "x".repeat(70);

  @Test
  void sigkillDuringLoadLosesNothingThatWasAccepted() throws Exception {
    Path data = dir.resolve("data");
    Path spec = dir.resolve("crash.yaml");
    Files.writeString(
        spec,
        """
        version: 1
        server:
          hostname: mail.crash.lab
          limits: { connections_per_ip: 100 }
          relayhost: "[127.0.0.1]:1"   # nobody there: remote mail stays queued
          queue: { min_backoff: 1h }
        domains:
          - name: crash.lab
            hosts: { mail: 127.0.0.1 }
            users: [ { name: u0 }, { name: u1 }, { name: u2 }, { name: u3 } ]
        access:
          "Connect:127.0.0.1": RELAY
        """);
    String[] ports = {"--ports", MxlabProcess.ports("smtp=0"), "--data-dir", data.toString()};
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    MxlabProcess first = MxlabProcess.up(spec, ports);
    int port = first.port("smtp");
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int client = t;
      Thread th = new Thread(() -> sendUntilItDies(port, client, running, accepted));
      th.start();
      clients.add(th);
    }
    Thread.sleep(2500);
    first.kill(); // SIGKILL: no shutdown hook, no flush
    running.set(false);
    for (Thread th : clients) {
      th.join(10_000);
    }
    assertThat(accepted).as("messages accepted before the crash").hasSizeGreaterThan(20);

    try (MxlabProcess second = MxlabProcess.up(spec, ports)) {
      List<String> stored = new ArrayList<>();
      for (int u = 0; u < 4; u++) {
        stored.addAll(MailFiles.mailbox(data, "crash.lab", "u" + u));
      }
      try (Stream<Path> q = Files.list(data.resolve("queue"))) {
        for (Path f : q.filter(p -> p.toString().endsWith(".msg")).toList()) {
          assertThat(f.resolveSibling(f.getFileName().toString().replace(".msg", ".env")))
              .as("every queued message has its envelope")
              .exists();
          stored.add(Files.readString(f));
        }
      }
      stored.removeIf(m -> !m.contains("X-Token: ")); // only the test's own messages
      for (String message : stored) {
        String token = message.replaceAll("(?s).*X-Token: (\\S+).*", "$1");
        assertThat(message).as("message %s is complete", token).endsWith("END " + token + "\n");
      }
      Set<String> tokens = ConcurrentHashMap.newKeySet();
      stored.forEach(m -> tokens.add(m.replaceAll("(?s).*X-Token: (\\S+).*", "$1")));
      assertThat(tokens).as("every message answered 250 survived").containsAll(accepted);
      try (Stream<Path> spool = Files.list(data.resolve("spool"))) {
        assertThat(spool.toList()).as("unfinished spool files are swept").isEmpty();
      }
      assertThat(second.output()).doesNotContain("Exception");
    }
  }

  /** One client: message after message until the server disappears; records each 250. */
  private static void sendUntilItDies(
      int port, int client, AtomicBoolean running, Set<String> accepted) {
    int n = 0;
    while (running.get()) {
      String token = client + "-" + n++;
      String rcpt = n % 3 == 0 ? "far" + client + "@remote.example" : "u" + (n % 4) + "@crash.lab";
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5000);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        expect(in, "220");
        send(out, "EHLO crash-client");
        while (!expect(in, "250").startsWith("250 ")) {
          // the rest of the EHLO reply
        }
        send(out, "MAIL FROM:<c" + client + "@example.org>");
        expect(in, "250");
        send(out, "RCPT TO:<" + rcpt + ">");
        expect(in, "250");
        send(out, "DATA");
        expect(in, "354");
        StringBuilder msg =
            new StringBuilder("Subject: crash test\r\nX-Token: " + token + "\r\n\r\n");
        for (int i = 0; i < 60; i++) {
          msg.append(BODY_LINE).append("\r\n");
        }
        msg.append("END ").append(token).append("\r\n.\r\n");
        out.write(msg.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (expect(in, "250").startsWith("250")) {
          accepted.add(token);
        }
        send(out, "QUIT");
      } catch (IOException | AssertionError e) {
        if (!running.get()) {
          return;
        }
        try {
          Thread.sleep(50); // the server is gone; try again until the test stops us
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String expect(BufferedReader in, String code) throws IOException {
    String line = in.readLine();
    if (line == null || !line.startsWith(code)) {
      throw new IOException("expected " + code + ", got " + line);
    }
    return line;
  }
}
