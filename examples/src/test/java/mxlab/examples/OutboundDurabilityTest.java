package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender is killed with SIGKILL while its queue is being delivered, and started again: every
 * message arrives, and at most the deliveries in flight at the kill (per_destination of them)
 * arrive twice.
 */
class OutboundDurabilityTest {
  @TempDir Path dir;

  private static final int MESSAGES = 40;
  private static final int PER_DESTINATION = 4;

  @Test
  void aCrashDuringDeliveryLosesNothing() throws Exception {
    int receiverPort;
    try (ServerSocket s = new ServerSocket(0)) {
      receiverPort = s.getLocalPort();
    }
    Path receiverSpec = dir.resolve("receiver.yaml");
    Files.writeString(
        receiverSpec,
        """
        version: 1
        server: { hostname: mail.r.lab, limits: { connections_per_ip: 100 } }
        domains:
          - name: r.lab
            hosts: { mail: 127.0.0.1 }
            users: [ { name: rx } ]
        """);
    Path senderSpec = dir.resolve("sender.yaml");
    Files.writeString(
        senderSpec,
        """
        version: 1
        server:
          hostname: mail.s.lab
          relayhost: "[127.0.0.1]:%d"
          queue: { min_backoff: 1s, max_backoff: 2s, per_destination: %d }
        domains:
          - name: s.lab
            hosts: { mail: 127.0.0.1 }
            users: [ { name: sx } ]
        access:
          "Connect:127.0.0.1": RELAY
        """
            .formatted(receiverPort, PER_DESTINATION));
    Path senderData = dir.resolve("sender");
    Path receiverData = dir.resolve("receiver");
    String[] senderArgs = {
      "--ports", MxlabProcess.ports("smtp=0"), "--data-dir", senderData.toString()
    };

    MxlabProcess sender = MxlabProcess.up(senderSpec, senderArgs);
    try { // killed on purpose midway; closed here even when an assertion fails first
      for (int i = 0; i < MESSAGES; i++) { // the receiver is down: everything is queued
        send(sender.port("smtp"), "token-" + i);
      }
      try (MxlabProcess receiver =
          MxlabProcess.up(
              receiverSpec,
              "--ports",
              MxlabProcess.ports("smtp=" + receiverPort),
              "--data-dir",
              receiverData.toString())) {
        queue(senderSpec, senderData, "flush");
        Thread.sleep(300);
        sender.kill();
        int before = MailFiles.mailbox(receiverData, "r.lab", "rx").size();
        assertThat(before).as("the kill came in the middle of the deliveries").isLessThan(MESSAGES);

        try (MxlabProcess again = MxlabProcess.up(senderSpec, senderArgs)) {
          queue(senderSpec, senderData, "flush");
          TwoSchoolsInteropTest.eventually(() -> MailFiles.queue(senderData).isEmpty());
          assertThat(queue(senderSpec, senderData, "list")).contains("the queue is empty");
        }
        Map<String, Integer> copies = new HashMap<>();
        for (String m : MailFiles.mailbox(receiverData, "r.lab", "rx")) {
          copies.merge(m.replaceAll("(?s).*Subject: (token-\\d+).*", "$1"), 1, Integer::sum);
        }
        for (int i = 0; i < MESSAGES; i++) {
          assertThat(copies).as("token-%d arrived", i).containsKey("token-" + i);
        }
        int duplicates = copies.values().stream().mapToInt(n -> n - 1).sum();
        assertThat(duplicates)
            .as("repeats beyond the in-flight attempts")
            .isLessThanOrEqualTo(PER_DESTINATION);
      }
    } finally {
      sender.close();
    }
  }

  private static String queue(Path spec, Path data, String action) {
    try {
      return Tools.run(
              List.of(
                  "java",
                  "-jar",
                  MxlabProcess.JAR.toString(),
                  "queue",
                  action,
                  spec.toString(),
                  "--data-dir",
                  data.toString()))
          .ok()
          .out();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static void send(int port, String subject) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      String script = "EHLO t\r\nMAIL FROM:<sx@s.lab>\r\nRCPT TO:<rx@r.lab>\r\nDATA\r\n";
      in.readLine();
      out.write(script.getBytes(StandardCharsets.US_ASCII));
      String line;
      while (!(line = in.readLine()).startsWith("354")) {
        if (line.startsWith("4") || line.startsWith("5")) {
          throw new IOException(line);
        }
      }
      out.write(
          ("Subject: " + subject + "\r\n\r\nbody\r\n.\r\nQUIT\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("250");
    }
  }
}
