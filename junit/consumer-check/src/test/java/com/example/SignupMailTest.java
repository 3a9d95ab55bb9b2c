package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import mxlab.junit.MxlabExtension;
import mxlab.junit.ReceivedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A project's test written as README's mxlab-junit section shows it, built outside mxlab. */
class SignupMailTest {
  @RegisterExtension
  static MxlabExtension lab =
      MxlabExtension.builder().domain("bann.com").user("test", "pw").user("app", "pw2").build();

  @Test
  void jakartaMailSubmitsOverStarttlsWithAuth() throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", lab.submission().host());
    p.put("mail.smtp.port", String.valueOf(lab.submission().port()));
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.ssl.socketFactory", lab.tls().socketFactory());
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    p.put("mail.smtp.localhost", "app.test");
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress("test@bann.com"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("test@bann.com"));
    m.setSubject("Welcome");
    m.setText("Please confirm your address.");
    Transport.send(m, "test@bann.com", "pw");

    ReceivedMessage got = lab.mailbox("test@bann.com").awaitMessage(Duration.ofSeconds(5));
    assertEquals("Welcome", got.subject());
    assertTrue(got.text().contains("confirm"));
    // this project binds no SLF4J provider at all: the lab still has its maillog
    assertFalse(lab.maillog().grep("test@bann.com").isEmpty(), lab.maillog().toString());
  }

  @Test
  void plainSocketsRelayFrom127001ThroughPort25() throws Exception {
    try (Socket s = new Socket(lab.smtp().host(), lab.smtp().port())) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      expect(in, "220 ");
      say(out, "EHLO app.test");
      String line;
      do {
        line = in.readLine();
      } while (line != null && line.startsWith("250-"));
      say(out, "MAIL FROM:<signup@app.test>");
      expect(in, "250 ");
      say(out, "RCPT TO:<app@bann.com>");
      expect(in, "250 ");
      say(out, "DATA");
      expect(in, "354 ");
      say(out, "Subject: over sockets\r\nFrom: signup@app.test\r\nTo: app@bann.com\r\n\r\nhi\r\n.");
      expect(in, "250 ");
      say(out, "QUIT");
      expect(in, "221 ");
    }
    assertEquals(
        "over sockets", lab.mailbox("app@bann.com").awaitMessage(Duration.ofSeconds(5)).subject());
  }

  private static void say(OutputStream out, String line) throws Exception {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void expect(BufferedReader in, String code) throws Exception {
    String line = in.readLine();
    assertTrue(line != null && line.startsWith(code), "expected " + code + ", got " + line);
  }
}
