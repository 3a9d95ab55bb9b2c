package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swaks and Python's smtplib against `mxlab up examples/bann.com.yaml`. */
class SmtpInteropTest {
  @TempDir static Path data;
  private static MxlabProcess mxlab;

  @BeforeAll
  static void up() throws Exception {
    Tools.require("swaks", "python3");
    mxlab = MxlabProcess.tutorial(data, "dns=0", "smtp=0", "submission=0", "submissions=0");
  }

  @AfterAll
  static void down() throws Exception {
    if (mxlab != null) {
      mxlab.stop();
    }
  }

  private static Tools.Result swaks(String service, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("swaks", "--server"));
    command.add("127.0.0.1:" + mxlab.port(service));
    command.addAll(List.of("--timeout", "10"));
    command.addAll(List.of(args));
    return Tools.run(command);
  }

  @Test
  void plainSmtpLandsInTestsMaildir() throws Exception {
    swaks(
            "smtp",
            "--to",
            "test@bann.com",
            "--from",
            "alice@example.org",
            "--header",
            "Subject: plain",
            "--body",
            "hello test")
        .ok();
    assertThat(MailFiles.mailbox(data, "bann.com", "test"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("Return-Path: <alice@example.org>\nReceived: from ")
                    .contains("Subject: plain")
                    .contains("\nhello test\n"));
  }

  @Test
  void theAdminAliasReachesThreeMailboxes() throws Exception {
    swaks(
            "smtp",
            "--to",
            "admin@bann.com",
            "--from",
            "alice@example.org",
            "--header",
            "Subject: to admin")
        .ok();
    for (String user : List.of("master", "sorin", "suse")) {
      assertThat(MailFiles.mailbox(data, "bann.com", user))
          .anySatisfy(m -> assertThat(m).contains("Subject: to admin"));
    }
  }

  @Test
  void anUntrustedClientCannotRelay() throws Exception {
    // 127.0.0.5 is not in the access map (only Connect:127.0.0.1 and localhost relay)
    Tools.Result r =
        swaks(
            "smtp",
            "--local-interface",
            "127.0.0.5",
            "--to",
            "victim@gmail.com",
            "--from",
            "spam@example.org");
    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).contains("<** 550 5.7.1 Relaying denied");
  }

  @Test
  void startTlsAndAuthOnSubmissionRelay() throws Exception {
    Tools.Result plain =
        swaks(
                "submission",
                "-tls",
                "-a",
                "PLAIN",
                "-au",
                "test@bann.com",
                "-ap",
                "changeme",
                "--to",
                "friend@far.example",
                "--from",
                "test@bann.com",
                "--header",
                "Subject: via 587")
            .ok();
    assertThat(plain.out()).contains("TLS started").contains("235 2.7.0");
    Tools.Result login =
        swaks(
                "submission",
                "-tls",
                "-a",
                "LOGIN",
                "-au",
                "master",
                "-ap",
                "changeme",
                "--to",
                "sorin@bann.com",
                "--from",
                "master@bann.com")
            .ok();
    assertThat(login.out()).contains("235 2.7.0");
    Tools.Result bad =
        swaks(
            "submission",
            "-tls",
            "-a",
            "PLAIN",
            "-au",
            "test@bann.com",
            "-ap",
            "wrong",
            "--to",
            "x@far.example",
            "--from",
            "test@bann.com");
    assertThat(bad.out()).contains("535 5.7.8");
    // friend@far.example is relayed: queued, or (where DNS says far.example does not exist)
    // already bounced back to test@bann.com
    TwoSchoolsInteropTest.eventually(
        () ->
            !MailFiles.queue(data).isEmpty()
                || MailFiles.mailbox(data, "bann.com", "test").stream()
                    .anyMatch(m -> m.contains("Final-Recipient: rfc822; friend@far.example")));
  }

  @Test
  void implicitTlsOn465() throws Exception {
    Tools.Result r =
        swaks(
                "submissions",
                "--tlsc",
                "-a",
                "PLAIN",
                "-au",
                "suse",
                "-ap",
                "changeme",
                "--to",
                "test@bann.com",
                "--from",
                "suse@bann.com",
                "--header",
                "Subject: via 465")
            .ok();
    assertThat(r.out()).contains("TLS started");
    assertThat(MailFiles.mailbox(data, "bann.com", "test"))
        .anySatisfy(m -> assertThat(m).contains("Subject: via 465").contains("with ESMTPSA"));
  }

  @Test
  void pipelining() throws Exception {
    Tools.Result r =
        swaks(
                "smtp",
                "--pipeline",
                "--to",
                "sorin@bann.com,suse@bann.com",
                "--from",
                "p@example.org",
                "--header",
                "Subject: pipelined")
            .ok();
    assertThat(r.out()).contains("PIPELINING");
    assertThat(MailFiles.mailbox(data, "bann.com", "suse"))
        .anySatisfy(m -> assertThat(m).contains("Subject: pipelined"));
  }

  @Test
  void pythonSmtplib() throws Exception {
    String script =
        """
        import smtplib, ssl, sys
        from email.message import EmailMessage
        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
        port = int(sys.argv[1])
        msg = EmailMessage(); msg['Subject'] = 'from smtplib'; msg['From'] = 'test@bann.com'
        msg['To'] = 'master@bann.com'; msg.set_content('.dot first\\nsecond line\\n')
        with smtplib.SMTP('127.0.0.1', port, timeout=10) as s:
            s.starttls(context=ctx)
            s.login('test@bann.com', 'changeme')
            refused = s.send_message(msg)
            assert not refused, refused
            try:
                s.sendmail('test@bann.com', ['nobody@bann.com'], 'Subject: x\\r\\n\\r\\nx')
                sys.exit('an unknown user was accepted')
            except smtplib.SMTPRecipientsRefused as e:
                assert e.recipients['nobody@bann.com'][0] == 550
        print('ok')
        """;
    Tools.Result r =
        Tools.run(
                List.of("python3", "-c", script, String.valueOf(mxlab.port("submission"))),
                null,
                60)
            .ok();
    assertThat(r.out()).contains("ok");
    assertThat(MailFiles.mailbox(data, "bann.com", "master"))
        .anySatisfy(
            m -> assertThat(m).contains("Subject: from smtplib").contains("\n.dot first\n"));
  }
}
