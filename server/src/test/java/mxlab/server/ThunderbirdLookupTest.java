package mxlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * What Thunderbird does with a new address, against a whole running mxlab: the ISP lookup first
 * (https://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=, then DOMAIN/.well-known/...), each
 * name resolved by mxlab's own DNS and each certificate checked against the name, then the first
 * incoming server of the file, logged in to with the user name the file gives.
 */
class ThunderbirdLookupTest {
  private static final String LAB = "127.0.26.1";

  @TempDir Path dir;

  @Test
  void fromAnAddressAndAPasswordToALoggedInImapSession() throws Exception {
    Spec spec =
        SpecFixtures.spec(
            "version: 1\n"
                + "server:\n  hostname: mail.bann.com\n  listen: "
                + LAB
                + "\n  data_dir: "
                + dir.resolve("data")
                + "\n  ports: { dns: 0, smtp: 0, submission: 0, submissions: 0, pop3: 0, pop3s: 0,"
                + " imap: 0, imaps: 0, http: 0, https: 0, ssh: off }\n"
                + "domains:\n  - name: bann.com\n    hosts: { mail: "
                + LAB
                + " }\n    users:\n      - { name: test, password: \"{PLAIN}changeme\" }\n");
    try (Instance mxlab =
        Instance.start(SpecSource.fixed(spec), spec, Starters.standard(), (a, c, o, e) -> 0)) {
      SimpleResolver dns = new SimpleResolver(mxlab.boundAddress("dns"));
      dns.setTimeout(Duration.ofSeconds(3));
      SSLContext trusting = trusting(dir.resolve("data/tls/cert.pem"));
      String email = "test@bann.com";

      // 1. https://autoconfig.bann.com/mail/config-v1.1.xml?emailaddress=test@bann.com
      List<InetAddress> autoconfig = addresses(dns, "autoconfig.bann.com");
      assertThat(autoconfig).containsExactly(InetAddress.getByName(LAB));
      int https = mxlab.boundAddress("https").getPort();
      String answer =
          httpsGet(
              trusting,
              new InetSocketAddress(autoconfig.get(0), https),
              "autoconfig.bann.com",
              "/mail/config-v1.1.xml?emailaddress=" + email.replace("@", "%40"));
      assertThat(answer).startsWith("HTTP/1.1 200");
      String xml = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      // 2. the .well-known form on the domain itself needs the domain's own address: bann.com
      // has none here, so Thunderbird's second request fails and the first one's answer stands
      assertThat(addresses(dns, "bann.com")).isEmpty();

      Element incoming =
          (Element)
              DocumentBuilderFactory.newInstance()
                  .newDocumentBuilder()
                  .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                  .getElementsByTagName("incomingServer")
                  .item(0);
      assertThat(incoming.getAttribute("type")).isEqualTo("imap");
      String host = text(incoming, "hostname");
      int port = Integer.parseInt(text(incoming, "port"));
      assertThat(text(incoming, "socketType")).isEqualTo("SSL");
      assertThat(port).isEqualTo(mxlab.boundAddress("imaps").getPort());
      String user = text(incoming, "username").replace("%EMAILADDRESS%", email);

      // 3. the IMAP server, by the name the file gave, resolved by mxlab's DNS
      List<InetAddress> imapHost = addresses(dns, host);
      assertThat(imapHost).containsExactly(InetAddress.getByName(LAB));
      try (SSLSocket imap =
          tlsSocket(trusting, new InetSocketAddress(imapHost.get(0), port), host)) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(imap.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = imap.getOutputStream();
        assertThat(in.readLine()).startsWith("* OK");
        out.write(("a1 LOGIN " + user + " changeme\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line;
        do {
          line = in.readLine();
        } while (line.startsWith("*"));
        assertThat(line).startsWith("a1 OK");
        out.write("a2 SELECT INBOX\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        do {
          line = in.readLine();
        } while (line.startsWith("*"));
        assertThat(line).startsWith("a2 OK");
      }
    }
  }

  private static String text(Element e, String child) {
    return e.getElementsByTagName(child).item(0).getTextContent().trim();
  }

  private static List<InetAddress> addresses(SimpleResolver dns, String name) throws Exception {
    Message answer =
        dns.send(
            Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
    return answer.getSection(Section.ANSWER).stream()
        .filter(r -> r instanceof ARecord)
        .map(r -> ((ARecord) r).getAddress())
        .toList();
  }

  /** Trusts the lab's self-signed certificate, as a student who accepted it once does. */
  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      store.setCertificateEntry(
          "lab", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /**
   * A TLS socket that checks the certificate names {@code host}, as browsers and mail clients do.
   */
  private static SSLSocket tlsSocket(SSLContext ctx, InetSocketAddress to, String host)
      throws Exception {
    Socket plain = new Socket();
    plain.connect(to, 3000);
    plain.setSoTimeout(5000);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, to.getPort(), true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setServerNames(List.of(new SNIHostName(host)));
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static String httpsGet(SSLContext ctx, InetSocketAddress to, String host, String path)
      throws Exception {
    try (SSLSocket s = tlsSocket(ctx, to, host)) {
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
