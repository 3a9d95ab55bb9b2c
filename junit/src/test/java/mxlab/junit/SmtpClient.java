package mxlab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A plain-socket SMTP client for the harness's own tests: each step checks the reply code. */
final class SmtpClient implements AutoCloseable {
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  SmtpClient(Endpoint endpoint) throws IOException {
    attach(new Socket(endpoint.host(), endpoint.port()));
    expect("220");
  }

  /** Implicit TLS from the first byte, checking the certificate and the host name. */
  static SmtpClient overTls(Endpoint endpoint, SSLContext tls) throws IOException {
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(endpoint.host(), endpoint.port());
    verifyHostname(s);
    s.startHandshake();
    return new SmtpClient(s);
  }

  private SmtpClient(Socket s) throws IOException {
    attach(s);
    expect("220");
  }

  private void attach(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    socket = s;
    in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    out = s.getOutputStream();
  }

  private static void verifyHostname(SSLSocket s) {
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS"); // the name must match, as a careful client wants
    s.setSSLParameters(p);
  }

  /** Sends a line, reads the (possibly multi-line) reply, checks its code, returns it. */
  String send(String line, String code) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return expect(code);
  }

  String expect(String code) throws IOException {
    StringBuilder reply = new StringBuilder();
    String l;
    do {
      l = in.readLine();
      assertThat(l).as("reply after %s", reply).isNotNull();
      reply.append(l).append('\n');
    } while (l.length() > 3 && l.charAt(3) == '-');
    assertThat(reply.toString()).startsWith(code);
    return reply.toString();
  }

  void startTls(SSLContext tls) throws IOException {
    send("STARTTLS", "220");
    SSLSocket s =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    verifyHostname(s);
    s.startHandshake();
    attach(s);
  }

  void authPlain(String user, String password) throws IOException {
    String token =
        Base64.getEncoder()
            .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    send("AUTH PLAIN " + token, "235");
  }

  /** One whole transaction after EHLO. */
  void mail(String from, String to, String message) throws IOException {
    send("MAIL FROM:<" + from + ">", "250");
    send("RCPT TO:<" + to + ">", "250");
    send("DATA", "354");
    String data = message.replace("\n", "\r\n");
    send(data + (data.endsWith("\r\n") ? "." : "\r\n."), "250");
  }

  static String message(String from, String to, String subject, String text) {
    return "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\n\n" + text;
  }

  /** EHLO, one message, QUIT: what code under test does on port 25. */
  static void send(Endpoint smtp, String from, String to, String subject, String text)
      throws IOException {
    try (SmtpClient c = new SmtpClient(smtp)) {
      c.send("EHLO client.test", "250");
      c.mail(from, to, message(from, to, subject, text));
      c.send("QUIT", "221");
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
