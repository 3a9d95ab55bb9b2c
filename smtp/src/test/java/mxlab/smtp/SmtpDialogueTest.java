package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import mxlab.core.queue.Envelope;
import mxlab.core.spec.SpecFixtures;
import mxlab.net.Dialogue;
import mxlab.smtp.session.SmtpMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command, reply code, state error and limit, over real sockets on port 0. */
class SmtpDialogueTest {
  static final String SPEC =
      """
      version: 1
      server:
        hostname: mail.bann.com
        max_message_size: 10kB
        limits: { max_recipients: 3, max_errors: 10, auth_failures: 2, auth_delay: 50ms }
      domains:
        - name: bann.com
          hosts: { mail: 192.168.0.100 }
          users:
            - { name: test, password: "%s" }
            - { name: master, password: "{PLAIN}secret" }
            - { name: sorin }
            - { name: suse }
            - { name: fwd, forward: [friend@remote.org], keep_copy: true }
          aliases: { admin: [master, sorin, suse], outside: [someone@remote.org] }
        - name: catch.org
          hosts: { mail: 192.168.0.101 }
          users: [ { name: box } ]
          catch_all: box
      virtual:
        info@other.org: test@bann.com
        "@virt.org": "%%1@bann.com"
        gone@other.org: "error:5.1.6:550 This address has moved"
      access:
        "Connect:127.0.0.1": RELAY
        "Connect:127.0.0.9": REJECT
        "Connect:127.0.0.10": DISCARD
        "From:spammer@evil.com": REJECT
        "To:blocked@bann.com": 'ERROR:"550 Go away"'
      relay_domains: [partner.org]
      """
          .formatted(SpecFixtures.PASSWORD_HASH);

  @TempDir Path data;
  SmtpFixture smtp;

  @BeforeEach
  void start() throws Exception {
    smtp = new SmtpFixture(SPEC, data);
  }

  @AfterEach
  void stop() {
    smtp.close();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void greetingAndEhloListTheExtensions() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.script(
          """
          S: 220 mail.bann.com ESMTP mxlab
          C: EHLO client.example
          S: 250-mail.bann.com Hello client.example [127.0.0.1]
          S: 250-PIPELINING
          S: 250-SIZE 10000
          S: 250-8BITMIME
          S: 250-ENHANCEDSTATUSCODES
          S: 250-SMTPUTF8
          S: 250-STARTTLS
          S: 250 HELP
          C: HELO client.example
          S: 250 2.0.0 mail.bann.com
          C: EHLO
          S: 501 5.5.4 *
          C: NOOP
          S: 250 2.0.0 Ok
          C: VRFY test
          S: 252 2.5.0 *
          C: EXPN admin
          S: 502 5.5.1 *
          C: HELP
          S: 214 2.0.0 *
          C: QUIT
          S: 221 2.0.0 Bye
          """);
      assertThat(d.closedByServer()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\r.\rb",
        "host\u0000name",
        "evil\u001b[31m",
        "two words",
        "dots..twice",
        "-hyphen.first",
        "hyphen-.last",
        "[1.2.3.4.5]",
        "[IPv6:zz::1]",
        "[1.2.3.4",
        "[tag:anything]",
        "caf\u00e9.example"
      })
  void aBadEhloOrHeloArgumentIsRefused(String argument) throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      d.send("EHLO " + argument).expect("501 5.5.4 *");
      d.send("HELO " + argument).expect("501 5.5.4 *");
      d.script("C: MAIL FROM:<a@example.org>\nS: 503 5.5.1 Send EHLO or HELO first");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "client.example",
        "localhost",
        "DESKTOP_7F3K.corp.example",
        "mail.example.com.",
        "xn--caf-dma.example",
        "[127.0.0.1]",
        "[IPv6:2001:db8::1]",
        "[ipv6:::1]"
      })
  void realClientsGreetingsAreAcceptedAndReachReceived(String argument) throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      d.send("HELO " + argument).expect("250 2.0.0 mail.bann.com");
      d.send("EHLO  " + argument + " ").expect("250-mail.bann.com Hello " + argument + " [*");
      d.reply();
      d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script("S: 250 *\nS: 250 *\nS: 354 *\nC: Subject: hi\nC:\nC: hi\nC: .\nS: 250 *");
    }
    assertThat(smtp.mailbox("bann.com", "test"))
        .singleElement()
        .asString()
        .contains("Received: from " + argument + " (");
  }

  @Test
  void controlCharactersInAPathAreRefusedEvenQuoted() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.script("C: MAIL FROM:<a@example.org>\nS: 250 *");
      d.send("RCPT TO:<\"x\r.\ry\"@partner.org>").expect("501 5.1.3 *");
      d.send("RCPT TO:<\"x\u001by\"@partner.org>").expect("501 5.1.3 *");
      d.send("RCPT TO:<\"x y\"@partner.org>").expect("250 *");
    }
  }

  @Test
  void commandsOutOfSequence() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.script(
          """
          S: 220 *
          C: MAIL FROM:<a@example.org>
          S: 503 5.5.1 Send EHLO or HELO first
          C: EHLO c
          S: 250 HELP
          """
              .replace("S: 250 HELP", ""));
      d.reply();
      d.script(
          """
          C: RCPT TO:<test@bann.com>
          S: 503 5.5.1 Need MAIL before RCPT
          C: DATA
          S: 503 5.5.1 Bad sequence of commands
          C: MAIL FROM:<a@example.org>
          S: 250 2.1.0 Sender ok
          C: MAIL FROM:<a@example.org>
          S: 503 5.5.1 Sender already given
          C: DATA
          S: 554 5.5.1 No valid recipients
          C: RSET
          S: 250 2.0.0 Ok
          C: RCPT TO:<test@bann.com>
          S: 503 5.5.1 Need MAIL before RCPT
          C: STARTTLS now
          S: 501 5.5.4 *
          C: BOGUS
          S: 500 5.5.2 Command not recognized
          """);
    }
  }

  @Test
  void mailAndRcptSyntax() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:a@example.org
          S: 501 5.1.7 Bad sender address syntax
          C: MAIL FROM:<a@example.org> FOO=1
          S: 555 5.5.4 *
          C: MAIL FROM:<a@example.org> BODY=9BIT
          S: 501 5.5.4 *
          C: MAIL FROM:<a@example.org> SIZE=20000
          S: 552 5.3.4 Message size exceeds fixed limit
          C: MAIL FROM:<@relay.example:a@example.org> BODY=8BITMIME SIZE=100
          S: 250 2.1.0 Sender ok
          C: RCPT TO:test@bann.com
          S: 501 5.1.3 Bad recipient address syntax
          C: RCPT TO:<test@bann.com> NOTIFY=NEVER
          S: 555 5.5.4 *
          C: RCPT TO:<user@other@bann.com>
          S: 501 5.1.3 *
          C: RCPT TO:<Postmaster>
          S: 250 2.1.5 Recipient ok
          C: RSET
          S: 250 2.0.0 Ok
          C: MAIL FROM:<>
          S: 250 2.1.0 Sender ok
          C: RCPT TO:<postmaster@bann.com>
          S: 250 2.1.5 Recipient ok
          C: MAIL FROM:<ü@example.org>
          S: 503 5.5.1 *
          C: RSET
          S: 250 *
          C: MAIL FROM:<ü@example.org>
          S: 553 5.6.7 Address needs SMTPUTF8
          C: MAIL FROM:<ü@example.org> SMTPUTF8
          S: 250 2.1.0 Sender ok
          """);
    }
  }

  @Test
  void deliversIntoTheMaildirWithTraceHeadersAndDotStuffingUndone() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      d.send("EHLO client.example").reply();
      d.script(
          """
          C: MAIL FROM:<alice@example.org>
          S: 250 2.1.0 Sender ok
          C: RCPT TO:<TEST@Bann.COM>
          S: 250 2.1.5 Recipient ok
          C: DATA
          S: 354 *
          C: Subject: hi
          C:
          C: ..leading dot
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
    }
    List<String> box = smtp.mailbox("bann.com", "test");
    assertThat(box).hasSize(1);
    assertThat(box.get(0))
        .startsWith("Return-Path: <alice@example.org>\nReceived: from client.example (")
        .contains("[127.0.0.1])\n\tby mail.bann.com (mxlab) with ESMTP id ")
        .contains("\tfor <TEST@bann.com>; ")
        .endsWith("\nSubject: hi\n\n.leading dot\n");
  }

  @Test
  void aliasesVirtualForwardAndCatchAll() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<alice@example.org>
          S: 250 *
          C: RCPT TO:<admin@bann.com>
          S: 250 *
          C: RCPT TO:<info@other.org>
          S: 250 *
          C: RCPT TO:<fwd@bann.com>
          S: 250 *
          C: DATA
          S: 354 *
          C: Subject: fan out
          C: .
          S: 250 *
          C: MAIL FROM:<alice@example.org>
          S: 250 *
          C: RCPT TO:<anything@catch.org>
          S: 250 *
          C: RCPT TO:<master@virt.org>
          S: 250 *
          C: RCPT TO:<gone@other.org>
          S: 550 5.1.6 This address has moved
          C: DATA
          S: 354 *
          C: Subject: second
          C: .
          S: 250 *
          """);
    }
    assertThat(smtp.mailbox("bann.com", "master")).hasSize(2);
    assertThat(smtp.mailbox("bann.com", "sorin")).hasSize(1);
    assertThat(smtp.mailbox("bann.com", "suse")).hasSize(1);
    assertThat(smtp.mailbox("bann.com", "test")).hasSize(1);
    assertThat(smtp.mailbox("bann.com", "fwd")).hasSize(1); // keep_copy
    assertThat(smtp.mailbox("catch.org", "box")).hasSize(1);
    List<Envelope> queue = smtp.queue();
    assertThat(queue).hasSize(1);
    assertThat(queue.get(0).recipients())
        .extracting(Envelope.Recipient::address)
        .containsExactly("friend@remote.org");
    assertThat(smtp.queueWakeups.get()).isEqualTo(1);
  }

  @Test
  void unknownUsersAndRelaying() throws Exception {
    try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), "127.0.0.2")) {
      d.expect("220 *");
      d.send("EHLO stranger").reply();
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<nobody@bann.com>
          S: 550 5.1.1 <nobody@bann.com>: Recipient address rejected: User unknown
          C: RCPT TO:<victim@gmail.com>
          S: 550 5.7.1 Relaying denied
          C: RCPT TO:<victim%gmail.com@bann.com>
          S: 550 5.7.1 Relaying denied: *
          C: RCPT TO:<gmail.com!victim@bann.com>
          S: 550 5.7.1 Relaying denied: *
          C: RCPT TO:<"victim@gmail.com"@bann.com>
          S: 550 5.7.1 Relaying denied: *
          C: RCPT TO:<@bann.com:victim@gmail.com>
          S: 550 5.7.1 Relaying denied
          C: RSET
          S: 250 *
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<someone@partner.org>
          S: 250 2.1.5 Recipient ok
          C: RCPT TO:<blocked@bann.com>
          S: 550 5.7.1 Go away
          """);
    }
    try (Dialogue trusted = smtp.connect()) { // Connect:127.0.0.1 RELAY
      trusted.expect("220 *");
      trusted.send("EHLO friend").reply();
      trusted.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<victim@gmail.com>
          S: 250 2.1.5 Recipient ok
          """);
    }
  }

  @Test
  void maxRecipients() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<test@bann.com>
          S: 250 *
          C: RCPT TO:<master@bann.com>
          S: 250 *
          C: RCPT TO:<sorin@bann.com>
          S: 250 *
          C: RCPT TO:<suse@bann.com>
          S: 452 4.5.3 Too many recipients *
          """);
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      d.raw(
          "EHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\n"
              + "RCPT TO:<nobody@bann.com>\r\nRCPT TO:<master@bann.com>\r\nDATA\r\n");
      d.reply();
      d.script(
          """
          S: 250 2.1.0 *
          S: 250 2.1.5 *
          S: 550 5.1.1 *
          S: 250 2.1.5 *
          S: 354 *
          C: Subject: piped
          C: .
          S: 250 2.0.0 *
          """);
    }
    assertThat(smtp.mailbox("bann.com", "master")).hasSize(1);
  }

  @Test
  void bareLineFeedsNeverEndAMessage() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<test@bann.com>
          S: 250 *
          C: DATA
          S: 354 *
          """);
      // The smuggling shape: <LF>.<LF> then a second transaction, then the real end.
      d.raw(
          "Subject: smuggle\r\n\r\nbody\n.\nMAIL FROM:<evil@example.org>\r\n"
              + "RCPT TO:<master@bann.com>\r\nDATA\r\nSubject: inner\r\n.\r\n");
      d.expect("550 5.6.0 Message refused: bare CR or LF *");
      d.script(
          """
          C: NOOP
          S: 250 2.0.0 Ok
          """);
      d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script(
          """
          S: 250 *
          S: 250 *
          S: 354 *
          """);
      d.raw("Subject: cr\r\n\r\nbare\rcarriage\r\n.\r\n");
      d.expect("550 5.6.0 *");
    }
    assertThat(smtp.mailbox("bann.com", "test")).isEmpty();
    assertThat(smtp.mailbox("bann.com", "master")).isEmpty();
  }

  /** Every fake end of data with a bare CR or LF; only CRLF.CRLF may end the message. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\n.\n",
        "\n.\r\n",
        "\r.\r",
        "\r\n.\r",
        "\r\n.\n",
        "\r.\r\n",
        "\r.\n",
        "\n.\r",
        "\n\r.\r\n",
        "\r\n.\r\r\n",
        "\r\n.\n\r\n"
      })
  void onlyCrlfDotCrlfEndsTheMessage(String fakeEnd) throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script("S: 250 *\nS: 250 *\nS: 354 *");
      d.raw(
          "Subject: smuggle\r\n\r\nhello"
              + fakeEnd
              + "MAIL FROM:<evil@example.org>\r\nRCPT TO:<master@bann.com>\r\nDATA\r\n"
              + "Subject: inner\r\n\r\nsmuggled\r\n.\r\n");
      // One reply for the DATA, then the answer to the NOOP: no smuggled command ran.
      d.expect("550 5.6.0 Message refused: bare CR or LF *");
      d.script("C: NOOP\nS: 250 2.0.0 Ok");
    }
    assertThat(smtp.mailbox("bann.com", "test")).isEmpty();
    assertThat(smtp.mailbox("bann.com", "master")).isEmpty();
  }

  @Test
  void anOverLongLineEndingInABareLfDoesNotLetADotEndTheMessage() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script("S: 250 *\nS: 250 *\nS: 354 *");
      d.raw(
          "Subject: long\r\n\r\n"
              + "y".repeat(1200)
              + "\n.\r\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<master@bann.com>\r\n"
              + "DATA\r\nsmuggled\r\n.\r\n");
      d.expect("550 5.6.0 Message refused: a line is longer than 1000 octets");
      d.script("C: NOOP\nS: 250 2.0.0 Ok");
    }
    assertThat(smtp.mailbox("bann.com", "master")).isEmpty();
  }

  @Test
  void anEmptyMessageEndsRightAfterData() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script("S: 250 *\nS: 250 *\nS: 354 *\nC: .\nS: 250 2.0.0 Ok: queued as *");
    }
    assertThat(smtp.mailbox("bann.com", "test")).hasSize(1);
  }

  @Test
  void sizeAndLineLimitsWhileReadingData() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script("S: 250 *\nS: 250 *\nS: 354 *");
      StringBuilder big = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        big.append("x".repeat(70)).append("\r\n");
      }
      d.raw(big + ".\r\n");
      d.expect("552 5.3.4 Message size exceeds fixed limit");
      d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
      d.script("S: 250 *\nS: 250 *\nS: 354 *");
      d.raw("Subject: long\r\n\r\n" + "y".repeat(1200) + "\r\n.\r\n");
      d.expect("550 5.6.0 Message refused: a line is longer than 1000 octets");
      d.send("X".repeat(600));
      d.expect("500 5.5.2 Line too long *");
      d.script("C: NOOP\nS: 250 2.0.0 Ok");
    }
    assertThat(smtp.mailbox("bann.com", "test")).isEmpty();
  }

  @Test
  void tooManyErrorsCloseTheConnection() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      for (int i = 0; i < 9; i++) {
        d.send("WHAT").expect("500 5.5.2 *");
      }
      d.send("WHAT");
      d.expect("500 5.5.2 *");
      d.expect("421 4.7.0 Too many errors*");
      assertThat(d.closedByServer()).isTrue();
    }
  }

  @Test
  void httpRequestsAreCut() throws Exception {
    try (Dialogue d = smtp.connect()) {
      d.expect("220 *");
      d.send("GET / HTTP/1.1");
      d.expect("421 4.7.0 *");
      assertThat(d.closedByServer()).isTrue();
    }
  }

  @Test
  void startTlsDiscardsWhatWasPipelinedBeforeTheHandshake() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.raw("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\n"); // CVE-2011-0411
      d.expect("220 2.0.0 Ready to start TLS");
      d.upgrade();
      // The injected MAIL was dropped: after TLS the session starts afresh.
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 503 5.5.1 Send EHLO or HELO first
          C: EHLO c
          S: 250-mail.bann.com Hello c [127.0.0.1]
          S: 250-PIPELINING
          S: 250-SIZE 10000
          S: 250-8BITMIME
          S: 250-ENHANCEDSTATUSCODES
          S: 250-SMTPUTF8
          S: 250-AUTH PLAIN LOGIN CRAM-MD5
          S: 250 HELP
          C: STARTTLS
          S: 503 5.5.1 TLS already active
          """);
    }
  }

  @Test
  void authNeedsTlsUnlessTheSpecAllowsPlaintext() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      d.send("AUTH PLAIN " + b64("\0test@bann.com\0changeme"));
      d.expect("538 5.7.11 *");
    }
  }

  @Test
  void authPlainLoginAndCramMd5() throws Exception {
    try (Dialogue d = tlsSession()) {
      d.script(
          """
          C: AUTH PLAIN %s
          S: 535 5.7.8 Authentication credentials invalid
          C: AUTH PLAIN %s
          S: 235 2.7.0 Authentication successful
          C: AUTH PLAIN %s
          S: 503 5.5.1 Already authenticated
          """
              .formatted(
                  b64("\0test@bann.com\0wrong"),
                  b64("\0test@bann.com\0changeme"),
                  b64("\0test@bann.com\0changeme")));
    }
    try (Dialogue d = tlsSession()) {
      d.script(
          """
          C: AUTH LOGIN
          S: 334 VXNlcm5hbWU6
          C: %s
          S: 334 UGFzc3dvcmQ6
          C: %s
          S: 235 2.7.0 *
          """
              .formatted(b64("test"), b64("changeme")));
    }
    try (Dialogue d = tlsSession()) {
      d.send("AUTH CRAM-MD5");
      String challenge = d.expect("334 *").substring(4);
      String text = new String(Base64.getDecoder().decode(challenge), StandardCharsets.US_ASCII);
      String digest =
          mxlab.core.auth.sasl.CramMd5Test.hmac("secret", text.getBytes(StandardCharsets.US_ASCII));
      d.send(b64("master@bann.com " + digest));
      d.expect("235 2.7.0 *");
    }
    try (Dialogue d = tlsSession()) {
      d.script(
          """
          C: AUTH PLAIN
          S: 334 *
          C: *
          S: 501 5.0.0 Authentication cancelled
          C: AUTH PLAIN !!!notbase64
          S: 501 5.5.2 *
          C: AUTH KERBEROS_V4
          S: 504 5.5.4 *
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: AUTH PLAIN %s
          S: 503 5.5.1 *
          """
              .formatted(b64("\0test\0changeme")));
    }
  }

  @Test
  void repeatedAuthFailuresEndTheSession() throws Exception {
    try (Dialogue d = tlsSession()) {
      d.send("AUTH PLAIN " + b64("\0test@bann.com\0bad1"));
      d.expect("535 5.7.8 *");
      d.send("AUTH PLAIN " + b64("\0nosuchuser\0bad2"));
      d.expect("535 5.7.8 *");
      d.expect("421 4.7.0 Too many failed logins*");
      assertThat(d.closedByServer()).isTrue();
    }
  }

  private Dialogue tlsSession() throws Exception {
    Dialogue d = smtp.connect();
    d.expect("220 *");
    d.send("EHLO c").reply();
    d.send("STARTTLS").expect("220 *");
    d.upgrade();
    d.send("EHLO c").reply();
    return d;
  }

  @Test
  void submissionRequiresAuthAndAddsMissingHeaders() throws Exception {
    try (Dialogue d = Dialogue.connect(smtp.address(SmtpMode.SUBMISSION))) {
      d.expect("220 *");
      d.send("EHLO c").reply();
      d.script(
          """
          C: MAIL FROM:<test@bann.com>
          S: 530 5.7.0 Authentication required
          """);
    }
    try (Dialogue d = Dialogue.connectTls(smtp.address(SmtpMode.SUBMISSIONS))) {
      d.expect("220 mail.bann.com ESMTP mxlab");
      d.send("EHLO c").reply();
      d.script(
          """
          C: AUTH PLAIN %s
          S: 235 *
          C: MAIL FROM:<test@bann.com>
          S: 250 *
          C: RCPT TO:<friend@far.example>
          S: 250 2.1.5 *
          C: RCPT TO:<master@bann.com>
          S: 250 2.1.5 *
          C: DATA
          S: 354 *
          C: Subject: no id, no date
          C:
          C: body
          C: .
          S: 250 *
          """
              .formatted(b64("\0test\0changeme")));
    }
    String stored = smtp.mailbox("bann.com", "master").get(0);
    assertThat(stored)
        .contains("with ESMTPSA id ")
        .contains("(using TLSv1.")
        .contains("(authenticated as test@bann.com)")
        .containsPattern("\nMessage-ID: <[0-9A-Z]+@mail\\.bann\\.com>\n")
        .containsPattern("\nDate: \\w{3}, \\d+ \\w{3} \\d{4} ");
    assertThat(smtp.queue()).hasSize(1);
  }

  @Test
  void accessMapRejectsAndDiscards() throws Exception {
    try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), "127.0.0.9")) {
      d.expect("554 5.7.1 Access denied");
      d.send("QUIT").expect("221 *"); // RFC 5321 3.1: the client says QUIT
      assertThat(d.closedByServer()).isTrue();
    }
    try (Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<spammer@evil.com>
          S: 550 5.7.1 Access denied
          """);
    }
    try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), "127.0.0.10")) {
      d.expect("220 *");
      d.send("EHLO c").reply();
      d.script(
          """
          C: MAIL FROM:<a@example.org>
          S: 250 *
          C: RCPT TO:<test@bann.com>
          S: 250 *
          C: DATA
          S: 354 *
          C: Subject: dropped
          C: .
          S: 250 2.0.0 Ok: queued as *
          """);
    }
    assertThat(smtp.mailbox("bann.com", "test")).isEmpty();
  }
}
