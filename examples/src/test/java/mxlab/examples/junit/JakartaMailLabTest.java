package mxlab.examples.junit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import mxlab.junit.Endpoint;
import mxlab.junit.MxlabExtension;
import mxlab.junit.ReceivedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a project tests its mail code with mxlab-junit: Jakarta Mail (Angus Mail) submits over
 * STARTTLS with AUTH, trusting only the lab's certificate (host names checked), and reads the mail
 * back over IMAP and POP3; code that does its own MX lookup asks the lab's DNS.
 */
class JakartaMailLabTest {
  @RegisterExtension
  MxlabExtension lab =
      MxlabExtension.builder()
          .domain("bann.com")
          .user("test", "changeme")
          .user("sorin", "changeme")
          .build();

  /** What a careful client sets: TLS required, the lab's trust, the server's name checked. */
  private Properties tls(String protocol, Endpoint e) {
    Properties p = new Properties();
    p.put("mail." + protocol + ".host", e.host());
    p.put("mail." + protocol + ".port", String.valueOf(e.port()));
    p.put("mail." + protocol + ".starttls.enable", "true");
    p.put("mail." + protocol + ".starttls.required", "true");
    p.put("mail." + protocol + ".ssl.socketFactory", lab.tls().socketFactory());
    p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    p.put("mail." + protocol + ".timeout", "10000");
    return p;
  }

  private void submit(String subject) throws Exception {
    Properties p = tls("smtp", lab.submission());
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.localhost", "laptop.example.org"); // EHLO name, without a local DNS lookup
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("test@bann.com"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("sorin@bann.com"));
    m.setSubject(subject, "UTF-8");
    m.setText("Grüße aus dem Labor.\n", "UTF-8");
    Transport.send(m, "test@bann.com", "changeme");
  }

  @Test
  void submitsOverStarttlsWithAuthAndReadsItBackOverImap() throws Exception {
    submit("Über STARTTLS");
    ReceivedMessage stored = lab.mailbox("sorin@bann.com").awaitMessage(ofSeconds(10));
    assertThat(stored.subject()).isEqualTo("Über STARTTLS");
    assertThat(stored.header("Received").orElseThrow()).contains("TLS");

    Store imap = Session.getInstance(tls("imap", lab.imap())).getStore("imap");
    imap.connect("sorin@bann.com", "changeme");
    try {
      Folder inbox = imap.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = inbox.getMessages();
      assertThat(messages).hasSize(1);
      assertThat(messages[0].getSubject()).isEqualTo("Über STARTTLS");
      assertThat(((String) messages[0].getContent()).trim()).isEqualTo("Grüße aus dem Labor.");
      inbox.close(false);
    } finally {
      imap.close();
    }
    assertThat(lab.maillog().grep("auth=test@bann.com")).isNotEmpty();
  }

  @Test
  void readsItBackOverPop3() throws Exception {
    submit("for POP3");
    lab.mailbox("sorin@bann.com").awaitMessage(ofSeconds(10));
    Store pop3 = Session.getInstance(tls("pop3", lab.pop3())).getStore("pop3");
    pop3.connect("sorin@bann.com", "changeme");
    try {
      Folder inbox = pop3.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      assertThat(inbox.getMessage(1).getSubject()).isEqualTo("for POP3");
      inbox.close(false);
    } finally {
      pop3.close();
    }
  }

  @Test
  void codeThatLooksUpTheMxDeliversIntoTheLab() throws Exception {
    WelcomeMailer mailer = new WelcomeMailer(lab.dns().resolver(), lab.smtp().port());
    assertThat(mailer.welcome("test@bann.com")).isEqualTo("mail.bann.com");
    ReceivedMessage welcome = lab.mailbox("test@bann.com").awaitMessage(ofSeconds(10));
    assertThat(welcome.subject()).isEqualTo("Welcome aboard");
    assertThat(welcome.from()).containsExactly("noreply@example.org");
    assertThat(welcome.text()).isEqualTo("Hello and welcome.\n");
  }
}
