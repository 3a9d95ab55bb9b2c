package mxlab.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mxlab.net.Dialogue;
import mxlab.net.Resolvers;
import mxlab.smtp.SmtpFixture;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.Policy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * One deadline for all the DNS questions of a message's verification: a resolver that never
 * answers, or one that answers each question slowly, gets the final dot its reply within the
 * deadline (plus slack for a loaded machine), with temperror for what was not checked in time. Real
 * sockets throughout: the SMTP server, dnsjava's resolver, and the DNS servers here.
 */
class VerificationDeadlineTest {
  /** For the silent server: far shorter than the resolver's own 30 s try there. */
  private static final Duration SHORT = Duration.ofMillis(1000);

  /** For the slow server: longer than one slow answer (2 s), shorter than two. */
  private static final Duration DEADLINE = Duration.ofMillis(2500);

  /** For a loaded machine (the final dot also writes and fsyncs the message). */
  private static final Duration SLACK = Duration.ofMillis(2000);

  @TempDir Path data;
  private SmtpFixture smtp;
  private final List<AutoCloseable> dns = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (smtp != null) {
      smtp.close();
    }
    for (AutoCloseable c : dns) {
      c.close();
    }
  }

  private void start(int dnsPort, VerifyingHook hook) throws IOException {
    String spec =
        """
        version: 1
        server:
          hostname: mail.north.lab
          resolver: "127.0.0.1:%d"
        domains:
          - name: north.lab
            hosts: { mail: 127.0.24.1 }
            users: [ { name: alice } ]
        """
            .formatted(dnsPort);
    Policy policy = Policy.standard().withMessageHook(hook);
    smtp = new SmtpFixture(spec, data, CommandRegistry.standard(), policy);
  }

  /** The resolver waits 30 s a try here, so only the deadline can end the wait within seconds. */
  @Test
  void aResolverThatNeverAnswersCostsTheDeadlineAndGivesTemperror() throws Exception {
    int port = silentDns();
    start(
        port,
        new VerifyingHook(
            server ->
                new ResolverDns(Resolvers.of(server.resolvers(), Duration.ofSeconds(30)), SHORT)));
    Duration took = deliver();
    assertThat(took).isLessThan(SHORT.plus(SLACK));
    assertThat(took).isGreaterThanOrEqualTo(SHORT.minusMillis(100)); // it did wait for DNS
    assertThat(smtp.mailbox("north.lab", "alice").get(0))
        .contains("\tdkim=temperror (key lookup failed) header.d=bank.example")
        .contains("\tspf=temperror smtp.mailfrom=ceo@bank.example;\n")
        .contains("\tdmarc=temperror");
  }

  /**
   * As the server runs it (3 s a try): each answer takes 2 s, so the three questions (DKIM key,
   * SPF, DMARC) would take 6 s without the deadline.
   */
  @Test
  void aResolverThatAnswersSlowlyIsCutOffAtTheDeadline() throws Exception {
    start(slowDns(Duration.ofSeconds(2)), new VerifyingHook(DEADLINE));
    Duration took = deliver();
    assertThat(took).isLessThan(DEADLINE.plus(SLACK));
    // the first question (the DKIM key) was answered, NXDOMAIN; what came after was cut off
    assertThat(smtp.mailbox("north.lab", "alice").get(0))
        .contains("\tdkim=permerror")
        .contains("\tspf=temperror smtp.mailfrom=ceo@bank.example;\n")
        .contains("\tdmarc=temperror");
  }

  /** Sends a signed message from another server; how long the reply to the final dot took. */
  private Duration deliver() throws IOException {
    try (Dialogue d = smtp.greeted()) {
      d.patience(Duration.ofSeconds(30));
      d.script(
          """
          C: MAIL FROM:<ceo@bank.example>
          S: 250 *
          C: RCPT TO:<alice@north.lab>
          S: 250 *
          C: DATA
          S: 354 *
          C: DKIM-Signature: v=1; a=rsa-sha256; d=bank.example; s=sel; h=from; bh=AAAA; b=AAAA
          C: From: ceo@bank.example
          C: Subject: slow DNS
          C:
          C: now
          """);
      long start = System.nanoTime();
      d.send(".");
      String reply = d.reply();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(reply).startsWith("250 2.0.0");
      return took;
    }
  }

  /** A DNS server on UDP and TCP (one port) that reads questions and never answers them. */
  private int silentDns() throws IOException {
    DatagramSocket udp =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, InetAddress.getLoopbackAddress());
    dns.add(udp);
    dns.add(tcp);
    List<Socket> accepted = new ArrayList<>();
    dns.add(
        () -> {
          synchronized (accepted) {
            for (Socket s : accepted) {
              s.close();
            }
          }
        });
    daemon(
        () -> {
          byte[] buffer = new byte[512];
          while (!udp.isClosed()) {
            udp.receive(new DatagramPacket(buffer, buffer.length));
          }
        });
    daemon(
        () -> {
          while (!tcp.isClosed()) {
            Socket s = tcp.accept(); // held open, never read from
            synchronized (accepted) {
              accepted.add(s);
            }
          }
        });
    return udp.getLocalPort();
  }

  /** A DNS server that answers every question NXDOMAIN, each after {@code delay}. */
  private int slowDns(Duration delay) throws IOException {
    DatagramSocket udp =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    dns.add(udp);
    dns.add(later::shutdownNow);
    daemon(
        () -> {
          while (!udp.isClosed()) {
            DatagramPacket p = new DatagramPacket(new byte[512], 512);
            udp.receive(p);
            Message query = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            Message answer = new Message(query.getHeader().getID());
            answer.getHeader().setFlag(Flags.QR);
            answer.getHeader().setFlag(Flags.AA);
            answer.getHeader().setRcode(Rcode.NXDOMAIN);
            answer.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
            byte[] wire = answer.toWire();
            later.schedule(
                () -> {
                  try {
                    udp.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
                  } catch (IOException e) {
                    // closed at the end of the test
                  }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
          }
        });
    return udp.getLocalPort();
  }

  private interface Loop {
    void run() throws IOException;
  }

  private static void daemon(Loop loop) {
    Thread t =
        new Thread(
            () -> {
              try {
                loop.run();
              } catch (IOException e) {
                // the socket was closed: the test is over
              }
            },
            "test-dns");
    t.setDaemon(true);
    t.start();
  }
}
