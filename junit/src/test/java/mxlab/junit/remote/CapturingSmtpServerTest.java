package mxlab.junit.remote;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import mxlab.core.spec.TlsSettings;
import mxlab.core.tls.TlsMaterial;
import mxlab.junit.maillog.LabThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capturing remote alone, spoken to as a script over a real socket. */
class CapturingSmtpServerTest {
  @TempDir Path dir;
  private SSLContext tls;
  private CapturingSmtpServer server;
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  @BeforeEach
  void start() throws IOException {
    tls = TlsMaterial.load(TlsSettings.selfSigned(), dir, "mx.remote.test").context();
    server = CapturingSmtpServer.start("mx.remote.test", tls);
  }

  @AfterEach
  void stop() throws IOException {
    if (socket != null) {
      socket.close();
    }
    server.close();
  }

  private void connect() throws IOException {
    socket = new Socket(server.address().getAddress(), server.address().getPort());
    socket.setSoTimeout(5000);
    attach();
  }

  private void attach() throws IOException {
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
  }

  private void c(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The next reply, all its lines joined by "|". */
  private String s() throws IOException {
    StringBuilder b = new StringBuilder();
    String l;
    do {
      l = in.readLine();
      if (l == null) {
        return b.append("<closed>").toString();
      }
      b.append(b.length() > 0 ? "|" : "").append(l);
    } while (l.length() > 3 && l.charAt(3) == '-');
    return b.toString();
  }

  @Test
  void capturesTheEnvelopeAndTheUnstuffedMessage() throws IOException {
    connect();
    assertThat(s()).isEqualTo("220 mx.remote.test ESMTP capturing remote");
    c("EHLO mail.bann.com");
    assertThat(s())
        .isEqualTo(
            "250-mx.remote.test|250-PIPELINING|250-8BITMIME|250-SMTPUTF8|250-ENHANCEDSTATUSCODES"
                + "|250-SIZE 104857600|250 STARTTLS");
    c("RCPT TO:<early@remote.test>");
    assertThat(s()).isEqualTo("503 5.5.1 MAIL first");
    c("MAIL FROM:<test@bann.com> SIZE=20");
    assertThat(s()).isEqualTo("250 2.1.0 Ok");
    c("RCPT TO:<bob@remote.test>");
    assertThat(s()).isEqualTo("250 2.1.5 Ok");
    c("RCPT TO:<carol@other.test> NOTIFY=NEVER");
    assertThat(s()).isEqualTo("250 2.1.5 Ok");
    c("DATA");
    assertThat(s()).startsWith("354");
    c("Subject: dots\r\n\r\n..leading dot\r\n.");
    assertThat(s()).isEqualTo("250 2.0.0 Ok: captured");
    c("QUIT");
    assertThat(s()).isEqualTo("221 2.0.0 Bye");

    Capture got = server.captured().get(0);
    assertThat(got.helo()).isEqualTo("mail.bann.com");
    assertThat(got.tls()).isFalse();
    assertThat(got.mailFrom()).isEqualTo("test@bann.com");
    assertThat(got.rcptTo()).containsExactly("bob@remote.test", "carol@other.test");
    assertThat(new String(got.data(), StandardCharsets.UTF_8))
        .isEqualTo("Subject: dots\r\n\r\n.leading dot\r\n");
    assertThat(server.transcript()).contains("C: MAIL FROM:<test@bann.com> SIZE=20");
  }

  @Test
  void starttlsStartsOverAndIsRecorded() throws IOException {
    connect();
    s();
    c("EHLO mail.bann.com");
    s();
    c("STARTTLS");
    assertThat(s()).isEqualTo("220 2.0.0 Ready to start TLS");
    socket = trustingAll().createSocket(socket, "mx.remote.test", socket.getPort(), true);
    ((SSLSocket) socket).startHandshake();
    attach();
    c("EHLO mail.bann.com");
    assertThat(s()).doesNotContain("STARTTLS");
    c("MAIL FROM:<a@bann.com>");
    s();
    c("RCPT TO:<b@remote.test>");
    s();
    c("DATA");
    s();
    c("Subject: secret\r\n\r\nx\r\n.");
    assertThat(s()).startsWith("250");
    assertThat(server.captured().get(0).tls()).isTrue();
  }

  @Test
  void faultsStrikeAtTheirStageAsManyTimesAsAsked() throws IOException {
    server.inject(RemoteFault.reply(Stage.RCPT, "452 4.5.3 Too many recipients").times(1));
    server.inject(RemoteFault.drop(Stage.MESSAGE));
    connect();
    s();
    c("HELO mail.bann.com");
    assertThat(s()).isEqualTo("250 mx.remote.test");
    c("MAIL FROM:<a@bann.com>");
    s();
    c("RCPT TO:<b@remote.test>");
    assertThat(s()).isEqualTo("452 4.5.3 Too many recipients");
    c("RCPT TO:<b@remote.test>");
    assertThat(s()).isEqualTo("250 2.1.5 Ok");
    c("DATA");
    s();
    c("Subject: lost\r\n\r\nx\r\n.");
    assertThat(s()).isEqualTo("<closed>");
    assertThat(server.captured()).isEmpty();
    assertThat(server.faults()).containsExactly(RemoteFault.drop(Stage.MESSAGE));
  }

  @Test
  void delaysAddUpAndDoNotHideAReplyInjectedAfterThem() throws IOException {
    server.inject(RemoteFault.delay(Stage.RCPT, Duration.ofMillis(200)));
    server.inject(RemoteFault.delay(Stage.RCPT, Duration.ofMillis(100)).times(1));
    server.inject(RemoteFault.reply(Stage.RCPT, "450 4.2.1 Mailbox busy").times(1));
    connect();
    s();
    c("HELO mail.bann.com");
    s();
    c("MAIL FROM:<a@bann.com>");
    s();
    long start = System.nanoTime();
    c("RCPT TO:<b@remote.test>");
    assertThat(s()).isEqualTo("450 4.2.1 Mailbox busy");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ofMillis(300));
    start = System.nanoTime();
    c("RCPT TO:<b@remote.test>");
    assertThat(s()).isEqualTo("250 2.1.5 Ok");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(ofMillis(200))
        .isLessThan(ofMillis(300 + 1000));
    assertThat(server.faults()).containsExactly(RemoteFault.delay(Stage.RCPT, ofMillis(200)));
  }

  @Test
  void keepsTheMessageBytesAsSentEvenWhenTheyAreNotUtf8() throws IOException {
    connect();
    s();
    c("EHLO mail.bann.com");
    s();
    c("MAIL FROM:<a@bann.com> BODY=8BITMIME");
    s();
    c("RCPT TO:<b@remote.test>");
    s();
    c("DATA");
    s();
    byte[] latin1 =
        "Subject: caf\u00e9\r\n\r\n..na\u00efve\r\n".getBytes(StandardCharsets.ISO_8859_1);
    out.write(latin1);
    c(".");
    assertThat(s()).startsWith("250");
    assertThat(server.captured().get(0).data())
        .isEqualTo(
            "Subject: caf\u00e9\r\n\r\n.na\u00efve\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void aStarttlsFaultRefusesTheHandshakeAndTheSessionGoesOnInClear() throws IOException {
    server.inject(RemoteFault.reply(Stage.STARTTLS, "454 4.7.0 TLS not available").times(1));
    connect();
    s();
    c("EHLO mail.bann.com");
    assertThat(s()).endsWith("|250 STARTTLS");
    c("STARTTLS");
    assertThat(s()).isEqualTo("454 4.7.0 TLS not available");
    c("MAIL FROM:<a@bann.com>");
    assertThat(s()).isEqualTo("250 2.1.0 Ok");
    c("STARTTLS");
    assertThat(s()).isEqualTo("220 2.0.0 Ready to start TLS");
  }

  @Test
  void closingEndsTheSessionsADelayHolds() throws Exception {
    LabThreads group = new LabThreads("remote-under-test");
    CapturingSmtpServer delayed =
        group.runInside(() -> CapturingSmtpServer.start("mx.remote.test", tls));
    delayed.inject(RemoteFault.delay(Stage.GREETING, Duration.ofSeconds(30)));
    try (Socket client = new Socket(delayed.address().getAddress(), delayed.address().getPort())) {
      awaitActive(group, 2); // the acceptor, and the session sleeping before its greeting
      delayed.close();
      awaitActive(group, 0);
    }
  }

  private static void awaitActive(ThreadGroup group, int threads) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (group.activeCount() != threads && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(group.activeCount()).as("threads of the remote").isEqualTo(threads);
  }

  @Test
  void aRefusedGreetingClosesAndNoTlsMeansNoStarttls() throws IOException {
    server.inject(RemoteFault.reply(Stage.GREETING, "554 5.7.1 Go away").times(1));
    connect();
    assertThat(s()).isEqualTo("554 5.7.1 Go away");
    assertThat(s()).isEqualTo("<closed>");
    socket.close();

    server.offerTls(false);
    connect();
    s();
    c("EHLO mail.bann.com");
    assertThat(s()).doesNotContain("STARTTLS");
    c("STARTTLS");
    assertThat(s()).isEqualTo("502 5.5.1 STARTTLS not offered");
    assertThat(server.connections()).isEqualTo(2);
  }

  /** The lab's outbound client checks no certificate either (opportunistic TLS). */
  private static SSLSocketFactory trustingAll() {
    try {
      javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
      c.init(
          null,
          new javax.net.ssl.TrustManager[] {
            new javax.net.ssl.X509TrustManager() {
              @Override
              public void checkClientTrusted(java.security.cert.X509Certificate[] a, String t) {}

              @Override
              public void checkServerTrusted(java.security.cert.X509Certificate[] a, String t) {}

              @Override
              public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
              }
            }
          },
          null);
      return c.getSocketFactory();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
