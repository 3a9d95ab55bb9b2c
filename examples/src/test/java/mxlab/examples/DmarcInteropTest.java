package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * DMARC between the two schools (127.0.24.12 and .13, high ports), all through mxlab's own DNS and
 * SMTP: north publishes {@code p=quarantine; rua=mailto:alice@north.lab}; south enforces and
 * reports every 2 seconds. Alice's genuine mail reaches bob's INBOX; a forgery in her name from
 * another host is accepted into bob's Junk; south's aggregate report then travels back through its
 * queue and north's MX to alice's INBOX, DKIM-signed by south and verified by north, and its XML
 * validates against RFC 7489 Appendix C.
 */
class DmarcInteropTest {
  private static final String NORTH = "127.0.24.12";
  private static final String SOUTH = "127.0.24.13";
  private static final String FORGER = "127.0.24.19";

  @TempDir Path dir;

  @Test
  void aForgeryIsQuarantinedAndTheAggregateReportReachesTheRuaMailbox() throws Exception {
    Tools.require("swaks");
    int base = 20000 + new Random().nextInt(20000);
    try (MxlabProcess n = MxlabProcess.up(spec("north", NORTH, SOUTH, base), args("north", base));
        MxlabProcess s = MxlabProcess.up(spec("south", SOUTH, NORTH, base), args("south", base))) {
      swaks(NORTH, base, null, "genuine", "250");
      TwoSchoolsInteropTest.eventually(() -> has(mailbox("bob", ""), "Subject: genuine"));
      swaks(SOUTH, base, FORGER, "forged", "250");
      TwoSchoolsInteropTest.eventually(() -> has(mailbox("bob", ".Junk"), "Subject: forged"));
      assertThat(mailbox("bob", "")).noneMatch(m -> m.contains("Subject: forged"));
      assertThat(String.join("", mailbox("bob", ".Junk")))
          .contains("dmarc=fail (p=quarantine dis=quarantine) header.from=north.lab");
      TwoSchoolsInteropTest.eventually(
          () -> s.output().contains("folder=Junk") && s.output().contains("policy=quarantine"));

      TwoSchoolsInteropTest.eventually(
          () -> has(aliceInbox(), "Subject: Report Domain: north.lab Submitter: south.lab"));
      List<String> reports =
          aliceInbox().stream().filter(m -> m.contains("Subject: Report Domain:")).toList();
      // the report is the server's own mail: signed by south, verified by north
      assertThat(reports)
          .allMatch(
              r -> r.contains("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=south.lab"))
          .allMatch(r -> r.contains("dkim=pass") && r.contains("header.d=south.lab"));
      int messages = 0;
      for (String report : reports) {
        messages += reportedMessages(report);
      }
      assertThat(messages).isEqualTo(2); // the genuine one and the forgery, maybe over 2 periods
      assertThat(s.output()).contains("dmarc report: domain=north.lab to=<alice@north.lab>");
    }
  }

  /** Validates a report mail's XML and returns how many messages its records count. */
  private static int reportedMessages(String stored) throws Exception {
    MimeMessage m =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
    Part gz = ((Multipart) m.getContent()).getBodyPart(1);
    assertThat(gz.getContentType()).startsWith("application/gzip");
    assertThat(gz.getFileName()).matches("south\\.lab!north\\.lab!\\d+!\\d+\\.xml\\.gz");
    byte[] xml;
    try (InputStream in = new GZIPInputStream(gz.getInputStream())) {
      xml = in.readAllBytes();
    }
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(Path.of("../mailauth/src/test/resources/dmarc/rfc7489-appendix-c.xsd").toFile())
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(xml)));
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml));
    XPath x = XPathFactory.newInstance().newXPath();
    assertThat(x.evaluate("/feedback/policy_published/p", doc)).isEqualTo("quarantine");
    return ((Double)
            x.evaluate(
                "sum(/feedback/record/row/count)", doc, javax.xml.xpath.XPathConstants.NUMBER))
        .intValue();
  }

  private Path spec(String school, String address, String other, int base) throws Exception {
    String text =
        Files.readString(Path.of("two-schools").resolve(school + ".yaml"))
            .replace("127.0.0.2", school.equals("north") ? address : other)
            .replace("127.0.0.3", school.equals("north") ? other : address)
            .replace(
                "resolver: " + other,
                "resolver: \"" + other + ":" + (base + 53) + "\"\n  remote_port: " + (base + 25))
            .replace(
                "allow_plaintext_auth: true\n",
                "allow_plaintext_auth: true\n"
                    + "  mail_auth: { dmarc: enforce, dmarc_reports: { interval: 2s } }\n")
            .replace(
                "mx: [ { priority: 10, host: mail } ]\n",
                "mx: [ { priority: 10, host: mail } ]\n"
                    + "    dmarc: \"v=DMARC1; p=quarantine; rua=mailto:alice@north.lab\"\n");
    assertThat(text).contains("interval: 2s").contains("rua=mailto:").contains(address);
    Path spec = dir.resolve(school + ".yaml");
    Files.writeString(spec, text);
    return spec;
  }

  private String[] args(String school, int base) {
    return new String[] {
      "--data-dir",
      dir.resolve(school).toString(),
      "--ports",
      MxlabProcess.ports("dns=" + (base + 53), "smtp=" + (base + 25))
    };
  }

  private List<String> mailbox(String user, String folder) throws Exception {
    return MailFiles.mailbox(
        dir.resolve("south"), "south.lab", folder.isEmpty() ? user : user + "/" + folder);
  }

  private List<String> aliceInbox() throws Exception {
    return MailFiles.mailbox(dir.resolve("north"), "north.lab", "alice");
  }

  private static boolean has(List<String> messages, String text) {
    return messages.stream().anyMatch(m -> m.contains(text));
  }

  /** alice@north.lab to bob@south.lab, from {@code local} (a forger's address) or not. */
  private static void swaks(String server, int base, String local, String subject, String reply)
      throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "swaks",
                "--server",
                server + ":" + (base + 25),
                "--from",
                "alice@north.lab",
                "--to",
                "bob@south.lab",
                "--header",
                "Subject: " + subject));
    if (local != null) {
      command.addAll(List.of("--local-interface", local));
    }
    Tools.Result r = Tools.run(command);
    assertThat(r.out()).containsPattern("(?m)^<(-|\\*\\*) +" + reply);
  }
}
