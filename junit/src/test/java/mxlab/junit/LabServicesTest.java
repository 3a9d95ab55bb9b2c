package mxlab.junit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** One lab for the class: every service answers on its port, as a real client sees it. */
class LabServicesTest {
  @RegisterExtension
  static MxlabExtension lab =
      MxlabExtension.builder()
          .domain("bann.com")
          .user("test", "pw")
          .user("sorin", "pw2")
          .alias("admin", "test", "sorin")
          .build();

  @Test
  void dnsAnswersMxAndAddressesOfTheLabDomain() throws Exception {
    assertThat(lab.dns().mx("bann.com")).containsExactly("mail.bann.com");
    Lookup a = new Lookup(Name.fromString("mail.bann.com."), Type.A);
    a.setResolver(lab.dns().resolver());
    a.setCache(null);
    Record[] answers = a.run();
    assertThat(answers).isNotNull();
    assertThat(((ARecord) answers[0]).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(lab.dns().address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void mailToAnAliasLandsInEachMailboxParsed() throws Exception {
    SmtpClient.send(
        lab.smtp(),
        "alice@example.org",
        "admin@bann.com",
        "Alias =?UTF-8?Q?f=C3=BCr?= all",
        "hi\n");
    ReceivedMessage test =
        lab.mailbox("test@bann.com").awaitMessages(1, ofSeconds(10)).stream()
            .filter(m -> m.subject().startsWith("Alias"))
            .findFirst()
            .orElseThrow();
    assertThat(test.subject()).isEqualTo("Alias für all");
    assertThat(test.from()).containsExactly("alice@example.org");
    assertThat(test.to()).containsExactly("admin@bann.com");
    assertThat(test.text()).isEqualTo("hi\n");
    assertThat(test.header("Return-Path")).contains("<alice@example.org>");
    assertThat(test.headers("Received")).isNotEmpty();
    assertThat(lab.mailbox("sorin@bann.com").awaitMessages(1, ofSeconds(10)))
        .anyMatch(m -> m.subject().equals("Alias für all"));
    assertThat(lab.maillog().await("to=<admin@bann.com>", ofSeconds(5)))
        .contains("decision=accepted");
  }

  @Test
  void submissionNeedsStarttlsThenAuthWithTheLabCertificate() throws Exception {
    try (SmtpClient c = new SmtpClient(lab.submission())) {
      assertThat(c.send("EHLO client.test", "250")).contains("STARTTLS").doesNotContain("AUTH");
      c.startTls(lab.tls().sslContext());
      assertThat(c.send("EHLO client.test", "250")).contains("AUTH PLAIN");
      c.authPlain("test@bann.com", "pw");
      c.mail(
          "test@bann.com",
          "sorin@bann.com",
          SmtpClient.message("test@bann.com", "sorin@bann.com", "over starttls", "x"));
      c.send("QUIT", "221");
    }
    ReceivedMessage m =
        lab.mailbox("sorin@bann.com").awaitMessages(1, ofSeconds(10)).stream()
            .filter(x -> x.subject().equals("over starttls"))
            .findFirst()
            .orElseThrow();
    assertThat(m.header("Received").orElseThrow()).contains("TLS");
  }

  @Test
  void implicitTlsServicesPresentTheLabCertificateForLocalhostAnd127() throws Exception {
    try (SmtpClient c = SmtpClient.overTls(lab.submissions(), lab.tls().sslContext())) {
      c.send("EHLO client.test", "250");
    }
    assertThat(lab.tls().certificate().getSubjectAlternativeNames())
        .anyMatch(n -> n.get(1).equals("127.0.0.1"))
        .anyMatch(n -> n.get(1).equals("localhost"))
        .anyMatch(n -> n.get(1).equals("mail.bann.com"));
    for (Endpoint e : List.of(lab.imaps(), lab.pop3s())) {
      try (SSLSocket s = (SSLSocket) lab.tls().socketFactory().createSocket(e.host(), e.port())) {
        s.startHandshake();
        String greeting =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(greeting).matches("\\* OK.*|\\+OK.*");
      }
    }
    assertThat(lab.tls().trustStore().containsAlias("mxlab-lab")).isTrue();
  }

  @Test
  void imapAndPop3LogInWithTheLabUser() throws Exception {
    try (Socket s = new Socket(lab.imap().host(), lab.imap().port())) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      assertThat(in.readLine()).startsWith("* OK");
      out.write("a CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).contains("STARTTLS").contains("LOGINDISABLED");
      assertThat(in.readLine()).startsWith("a OK");
    }
    try (Socket s = new Socket(lab.pop3().host(), lab.pop3().port())) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("+OK");
    }
  }

  @Test
  void relayedMailIsCapturedByTheRemoteOverStarttls() throws Exception {
    SmtpClient.send(lab.smtp(), "test@bann.com", "bob@remote.test", "to the world", "out\n");
    List<RelayedMessage> got = lab.remote().awaitMessages("bob@remote.test", 1, ofSeconds(10));
    RelayedMessage m = got.get(0);
    assertThat(m.mailFrom()).isEqualTo("test@bann.com");
    assertThat(m.rcptTo()).containsExactly("bob@remote.test");
    assertThat(m.tls()).isTrue();
    assertThat(m.helo()).isEqualTo("mail.bann.com");
    assertThat(m.message().subject()).isEqualTo("to the world");
    lab.queue().awaitEmpty(ofSeconds(10));
    assertThat(lab.maillog().await("to=<bob@remote.test> relay=", ofSeconds(5)))
        .contains("status=sent");
  }

  @Test
  void anUnknownMailboxIsRefusedWithTheUsersOfTheLab() {
    assertThatThrownBy(() -> lab.mailbox("nobody@bann.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test@bann.com")
        .hasMessageContaining("sorin@bann.com");
  }
}
