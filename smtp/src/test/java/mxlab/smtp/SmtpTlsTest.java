package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import mxlab.net.Dialogue;
import mxlab.smtp.session.SmtpMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS refusals that must stay quiet and harmless: old protocol versions, renegotiation. */
class SmtpTlsTest {
  @TempDir Path data;
  SmtpFixture smtp;

  @BeforeEach
  void start() throws Exception {
    smtp =
        new SmtpFixture(
            """
            version: 1
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users: [ { name: test } ]
            """,
            data);
  }

  @AfterEach
  void stop() {
    smtp.close();
  }

  /**
   * A TLS 1.1 ClientHello (RFC 4346 7.4.1.2), written out: the JDK's own client will not even send
   * one while TLSv1.1 is in jdk.tls.disabledAlgorithms, and that list is read once per JVM.
   */
  static byte[] tls11ClientHello() {
    byte[] hello = new byte[56];
    byte[] head = {
      0x16,
      0x03,
      0x01,
      0x00,
      0x33, // handshake record, 51 octets
      0x01,
      0x00,
      0x00,
      0x2f, // ClientHello, 47 octets
      0x03,
      0x02 // client_version TLS 1.1
    };
    System.arraycopy(head, 0, hello, 0, head.length);
    // 32 octets of random stay zero; then no session id, four suites, null compression
    byte[] tail = {
      0x00, 0x00, 0x08, (byte) 0xc0, 0x14, (byte) 0xc0, 0x13, 0x00, 0x35, 0x00, 0x2f, 0x01, 0x00
    };
    System.arraycopy(tail, 0, hello, head.length + 32, tail.length);
    return hello;
  }

  /** Sends the hello and reads until the server closes; returns the first octet it sent back. */
  static int offerTls11(Socket s) throws Exception {
    s.setSoTimeout(5000);
    s.getOutputStream().write(tls11ClientHello());
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    int first = in.read();
    while (in.read() >= 0) {
      // drain to the close
    }
    return first;
  }

  @Test
  void tls11OnImplicitTlsIsRefusedWithOneLogLineAndTheServerStaysUp() throws Exception {
    InetSocketAddress smtps = smtp.address(SmtpMode.SUBMISSIONS);
    try (LogCapture log = new LogCapture()) {
      try (Socket s = new Socket(smtps.getAddress(), smtps.getPort())) {
        assertThat(offerTls11(s)).as("a TLS alert record").isEqualTo(0x15);
      }
      assertOneQuietLine(log);
    }
    try (Dialogue d = Dialogue.connectTls(smtps)) {
      d.expect("220 *");
    }
  }

  @Test
  void tls11AfterStartTlsIsRefusedWithOneLogLine() throws Exception {
    try (LogCapture log = new LogCapture()) {
      InetSocketAddress mx = smtp.address(SmtpMode.MX);
      try (Socket s = new Socket(mx.getAddress(), mx.getPort())) {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        s.getOutputStream().write("EHLO c\r\nSTARTTLS\r\n".getBytes());
        String replies = "";
        while (!replies.contains("220 2.0.0")) {
          replies += (char) in.read();
        }
        while (!replies.endsWith("\n")) {
          replies += (char) in.read();
        }
        assertThat(offerTls11(s)).isEqualTo(0x15);
      }
      assertOneQuietLine(log);
    }
    try (Dialogue d = smtp.greeted()) {
      d.script("C: NOOP\nS: 250 2.0.0 Ok");
    }
  }

  private static void assertOneQuietLine(LogCapture log) throws InterruptedException {
    List<ILoggingEvent> lines = List.of();
    for (int i = 0; i < 50 && lines.isEmpty(); i++) {
      Thread.sleep(50);
      lines = log.containing("TLS");
    }
    Thread.sleep(200); // anything else it would log comes now
    assertThat(log.events()).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    assertThat(log.containing("TLS"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.getFormattedMessage()).contains("TLSv1.1").doesNotContain("\n"));
  }

  @Test
  void clientInitiatedRenegotiationIsRefusedWithOneLogLineAndTheServerStaysUp() throws Exception {
    InetSocketAddress smtps = smtp.address(SmtpMode.SUBMISSIONS);
    try (LogCapture log = new LogCapture();
        SSLSocket s =
            (SSLSocket)
                Dialogue.trustAll()
                    .getSocketFactory()
                    .createSocket(smtps.getAddress(), smtps.getPort())) {
      s.setSoTimeout(5000);
      s.setEnabledProtocols(new String[] {"TLSv1.2"}); // TLS 1.3 has no renegotiation
      s.startHandshake();
      InputStream in = s.getInputStream();
      while (in.read() != '\n') {
        // the 220 banner
      }
      assertThatThrownBy(
              () -> {
                s.startHandshake();
                s.getOutputStream().write("NOOP\r\n".getBytes());
                s.getOutputStream().flush();
                while (in.read() >= 0) {
                  // a refused renegotiation ends in an alert, not in an answer
                }
                throw new SSLException("closed without an alert");
              })
          .isInstanceOf(IOException.class)
          .hasMessageNotContaining("closed without an alert");
      List<ILoggingEvent> lines = List.of();
      for (int i = 0; i < 50 && lines.isEmpty(); i++) {
        Thread.sleep(50);
        lines = log.containing("renegotiation");
      }
      Thread.sleep(200); // anything else it would log comes now
      assertThat(log.events()).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
      assertThat(log.containing("renegotiation"))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).doesNotContain("\n"));
    }
    try (Dialogue d = Dialogue.connectTls(smtps)) {
      d.expect("220 *");
    }
  }
}
