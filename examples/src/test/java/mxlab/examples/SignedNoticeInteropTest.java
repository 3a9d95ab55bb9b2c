package mxlab.examples;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import mxlab.junit.MxlabExtension;
import mxlab.junit.ReceivedMessage;
import mxlab.junit.remote.RemoteFault;
import mxlab.junit.remote.Stage;
import mxlab.mailauth.MailMessage;
import mxlab.mailauth.ResolverDns;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.dkim.DkimVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Type;

/**
 * Mail mxlab writes itself is DKIM-signed: the bounce from MAILER-DAEMON@mail.bann.com to a
 * bann.com user carries a signature d=bann.com that mxlab's verifier and Debian's dkimpy both
 * accept, each asking the lab's own DNS server for the key record.
 */
class SignedNoticeInteropTest {
  @RegisterExtension
  MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

  @Test
  void aBounceIsSignedForTheHostedDomainOfItsFrom() throws Exception {
    Tools.require("python3");
    awaitKeyRecord("mxlab._domainkey.bann.com");
    lab.remote().inject(RemoteFault.reply(Stage.RCPT, "550 5.1.1 No such user"));
    send("test@bann.com", "bob@remote.test", "bounced");

    ReceivedMessage bounce = lab.mailbox("test@bann.com").awaitMessage(ofSeconds(20));
    assertThat(bounce.from()).containsExactly("MAILER-DAEMON@mail.bann.com");
    assertThat(bounce.header("DKIM-Signature").orElseThrow())
        .contains("d=bann.com")
        .contains("s=mxlab")
        .contains("a=rsa-sha256");

    List<DkimResult> mxlab =
        new DkimVerifier(new ResolverDns(lab.dns().resolver()))
            .verify(MailMessage.parse(bounce.raw()), Instant.now());
    assertThat(mxlab)
        .singleElement()
        .satisfies(r -> assertThat(r.verdict()).as(r.reason()).isEqualTo(DkimResult.Verdict.PASS));

    String crlf = new String(bounce.raw(), StandardCharsets.UTF_8).replace("\n", "\r\n");
    assertThat(dkimpy(crlf)).isEqualTo("True\n");
    assertThat(dkimpy(crlf.replace("could not", "could"))).isEqualTo("False\n");
  }

  /** The lab makes its DKIM keys in the background; a notice is signed once they are published. */
  private void awaitKeyRecord(String name) throws Exception {
    for (int i = 0; i < 300; i++) {
      Lookup lookup = new Lookup(name, Type.TXT);
      lookup.setResolver(lab.dns().resolver());
      lookup.setCache(null);
      if (lookup.run() != null) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " is not published within 30 s");
  }

  private void send(String from, String to, String subject) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", lab.smtp().host());
    p.put("mail.smtp.port", String.valueOf(lab.smtp().port()));
    p.put("mail.smtp.localhost", "client.example.org");
    p.put("mail.smtp.timeout", "10000");
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress(from));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject(subject);
    m.setText("x\n");
    Transport.send(m); // from 127.0.0.1, which the lab lets relay
  }

  /** dkimpy's verdict on each signature, the key asked of the lab's DNS (dnspython). */
  private String dkimpy(String message) throws Exception {
    Path script = Path.of("../mailauth/src/test/resources/dkimpy.py");
    assertThat(Files.exists(script)).isTrue();
    String python =
        Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    return Tools.run(
            List.of(
                python,
                script.toString(),
                "verify-dns",
                lab.dns().address().getAddress().getHostAddress(),
                String.valueOf(lab.dns().address().getPort())),
            message,
            60)
        .ok()
        .out();
  }
}
