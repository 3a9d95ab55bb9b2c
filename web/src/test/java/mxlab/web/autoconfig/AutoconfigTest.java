package mxlab.web.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import mxlab.web.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The three autoconfiguration formats over a real HTTP listener, checked field by field the way the
 * clients read them (Thunderbird's readFromXML.js: every server needs a type it knows, a valid host
 * name, a port from 1 to 65535, a socketType of plain/SSL/STARTTLS and an authentication it knows).
 */
class AutoconfigTest extends WebTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    web.listening("imaps", 10993);
    web.listening("imap", 10143);
    web.listening("pop3s", 10995);
    web.listening("pop3", 10110);
    web.listening("submissions", 10465);
    web.listening("submission", 10587);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.http.address().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** One server element as Thunderbird reads it. */
  private record Server(
      String type, String host, int port, String socket, String auth, String user) {}

  private static List<Server> servers(Document doc, String element) {
    List<Server> out = new ArrayList<>();
    for (Node n =
            doc.getDocumentElement().getElementsByTagName("emailProvider").item(0).getFirstChild();
        n != null;
        n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(element)) {
        out.add(
            new Server(
                e.getAttribute("type"),
                text(e, "hostname"),
                Integer.parseInt(text(e, "port")),
                text(e, "socketType"),
                text(e, "authentication"),
                text(e, "username")));
      }
    }
    return out;
  }

  private static String text(Element e, String child) {
    return e.getElementsByTagName(child).item(0).getTextContent();
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void thunderbirdGetsEveryFieldItReads() throws Exception {
    HttpResponse<String> r = get("/mail/config-v1.1.xml?emailaddress=test%40bann.com");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
    Document doc = parse(r.body());
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("clientConfig");
    assertThat(root.getAttribute("version")).isEqualTo("1.1");
    Element provider = (Element) root.getElementsByTagName("emailProvider").item(0);
    assertThat(provider.getAttribute("id")).isEqualTo("bann.com");
    assertThat(text(provider, "domain")).isEqualTo("bann.com");
    assertThat(text(provider, "displayName")).isEqualTo("bann.com (mxlab)");
    assertThat(text(provider, "displayShortName")).isEqualTo("bann.com");
    // Thunderbird takes the first of each as the choice and offers the rest: implicit TLS first
    assertThat(servers(doc, "incomingServer"))
        .containsExactly(
            new Server(
                "imap", "mail.bann.com", 10993, "SSL", "password-cleartext", "%EMAILADDRESS%"),
            new Server(
                "imap", "mail.bann.com", 10143, "STARTTLS", "password-cleartext", "%EMAILADDRESS%"),
            new Server(
                "pop3", "mail.bann.com", 10995, "SSL", "password-cleartext", "%EMAILADDRESS%"),
            new Server(
                "pop3",
                "mail.bann.com",
                10110,
                "STARTTLS",
                "password-cleartext",
                "%EMAILADDRESS%"));
    assertThat(servers(doc, "outgoingServer"))
        .containsExactly(
            new Server(
                "smtp", "mail.bann.com", 10465, "SSL", "password-cleartext", "%EMAILADDRESS%"),
            new Server(
                "smtp",
                "mail.bann.com",
                10587,
                "STARTTLS",
                "password-cleartext",
                "%EMAILADDRESS%"));
    for (String element : List.of("incomingServer", "outgoingServer")) {
      for (Server s : servers(doc, element)) {
        assertThat(s.host()).matches("[a-z0-9.-]+"); // Thunderbird's sanitize.hostname
        assertThat(s.port()).isBetween(1, 65535);
        assertThat(s.socket()).isIn("plain", "SSL", "STARTTLS");
      }
    }
    assertThat(doc.getElementsByTagName("leaveMessagesOnServer").item(0).getTextContent())
        .isEqualTo("true");
  }

  @Test
  void onlyWhatListensIsOffered() throws Exception {
    web.endpoints.removeIf(e -> !e.service().equals("imaps") && !e.service().equals("submission"));
    Document doc = parse(get("/mail/config-v1.1.xml?emailaddress=test@bann.com").body());
    assertThat(servers(doc, "incomingServer")).extracting(Server::port).containsExactly(10993);
    assertThat(servers(doc, "outgoingServer")).extracting(Server::port).containsExactly(10587);
  }

  @Test
  void theDomainComesFromTheHostWhenNoAddressIsGiven() throws Exception {
    String viaHost =
        web.raw(
            "GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.bann.com\r\nConnection: close\r\n\r\n");
    assertThat(viaHost).startsWith("HTTP/1.1 200").contains("<domain>bann.com</domain>");
    String wellKnown =
        web.raw(
            "GET /.well-known/autoconfig/mail/config-v1.1.xml HTTP/1.1\r\nHost: BANN.com:80\r\n"
                + "Connection: close\r\n\r\n");
    assertThat(wellKnown).startsWith("HTTP/1.1 200").contains("<domain>bann.com</domain>");
    assertThat(get("/mail/config-v1.1.xml?emailaddress=x@gmail.com").statusCode()).isEqualTo(404);
    assertThat(
            web.raw(
                "GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.other.org\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404");
  }

  private HttpResponse<String> post(String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + web.http.address().getPort()
                        + "/autodiscover/autodiscover.xml"))
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String request(String address) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Autodiscover xmlns=\""
        + Autodiscover.REQUEST_NS
        + "\"><Request><EMailAddress>"
        + address
        + "</EMailAddress><AcceptableResponseSchema>"
        + Autodiscover.OUTLOOK_NS
        + "</AcceptableResponseSchema></Request></Autodiscover>";
  }

  @Test
  void outlookGetsImapPopAndSmtpForItsAddress() throws Exception {
    HttpResponse<String> r = post(request("test@bann.com"));
    assertThat(r.statusCode()).isEqualTo(200);
    Document doc = parse(r.body());
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(Autodiscover.RESPONSE_NS);
    assertThat(
            doc.getElementsByTagNameNS(Autodiscover.OUTLOOK_NS, "AccountType")
                .item(0)
                .getTextContent())
        .isEqualTo("email");
    assertThat(
            doc.getElementsByTagNameNS(Autodiscover.OUTLOOK_NS, "Action").item(0).getTextContent())
        .isEqualTo("settings");
    Map<String, Map<String, String>> protocols = new LinkedHashMap<>();
    var list = doc.getElementsByTagNameNS(Autodiscover.OUTLOOK_NS, "Protocol");
    for (int i = 0; i < list.getLength(); i++) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (Node n = list.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          fields.put(e.getLocalName(), e.getTextContent());
        }
      }
      protocols.put(fields.get("Type"), fields);
    }
    assertThat(protocols).containsOnlyKeys("IMAP", "POP3", "SMTP");
    assertThat(protocols.get("IMAP"))
        .containsEntry("Server", "mail.bann.com")
        .containsEntry("Port", "10993")
        .containsEntry("SSL", "on")
        .containsEntry("LoginName", "test@bann.com")
        .containsEntry("SPA", "off")
        .containsEntry("AuthRequired", "on");
    assertThat(protocols.get("SMTP")).containsEntry("Port", "10465").containsEntry("SSL", "on");
    assertThat(post(request("x@gmail.com")).body()).contains("<ErrorCode>600</ErrorCode>");
  }

  @Test
  void autodiscoverRequestsCannotReachFilesOrExpandEntities() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><Autodiscover xmlns=\""
            + Autodiscover.REQUEST_NS
            + "\"><Request><EMailAddress>&x;@bann.com</EMailAddress></Request></Autodiscover>";
    HttpResponse<String> r = post(xxe);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("TOP-SECRET");
    assertThat(post("x".repeat(20_000)).statusCode()).isEqualTo(413);
  }

  @Test
  void appleProfileForOneAddress() throws Exception {
    HttpResponse<String> r = get("/mobileconfig?emailaddress=test%40bann.com");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(MobileConfig.CONTENT_TYPE);
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"bann.com.mobileconfig\"");
    Document doc = parse(r.body());
    Element payload =
        (Element)
            doc.getDocumentElement()
                .getElementsByTagName("array")
                .item(0)
                .getFirstChild()
                .getNextSibling();
    Map<String, String> keys = new LinkedHashMap<>();
    Node n = payload.getFirstChild();
    String key = null;
    for (; n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        if (e.getTagName().equals("key")) {
          key = e.getTextContent();
        } else {
          keys.put(
              key,
              e.getTagName().equals("true") || e.getTagName().equals("false")
                  ? e.getTagName()
                  : e.getTextContent());
        }
      }
    }
    assertThat(keys)
        .containsEntry("PayloadType", "com.apple.mail.managed")
        .containsEntry("EmailAccountType", "EmailTypeIMAP")
        .containsEntry("EmailAddress", "test@bann.com")
        .containsEntry("IncomingMailServerHostName", "mail.bann.com")
        .containsEntry("IncomingMailServerPortNumber", "10993")
        .containsEntry("IncomingMailServerUseSSL", "true")
        .containsEntry("IncomingMailServerUsername", "test@bann.com")
        .containsEntry("OutgoingMailServerPortNumber", "10465")
        .containsEntry("OutgoingMailServerUseSSL", "true")
        .containsEntry("IncomingMailServerAuthentication", "EmailAuthPassword");
    assertThat(keys.get("PayloadUUID")).matches("[0-9A-F-]{36}");
    assertThat(get("/mobileconfig?emailaddress=test%40bann.com").body()).isEqualTo(r.body());
    assertThat(get("/mobileconfig").statusCode()).isEqualTo(400);
  }
}
