package mxlab.web.autoconfig;

import static mxlab.web.text.Escape.markup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import mxlab.web.autoconfig.MailSettings.Server;
import mxlab.web.autoconfig.MailSettings.Type;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Microsoft's Autodiscover, the plain-old-XML form Outlook and many mobile clients send
 * ([MS-OXDSCLI] 2.2.3): a POST naming the address, answered with IMAP, POP3 and SMTP settings. The
 * request is parsed with DTDs and external entities off, so it can fetch or expand nothing.
 */
public final class Autodiscover {
  static final String REQUEST_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
  static final String RESPONSE_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
  static final String OUTLOOK_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

  private Autodiscover() {}

  /** The EMailAddress of a request, if it is one. */
  public static Optional<String> requestedAddress(byte[] body) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document doc = builder.parse(new ByteArrayInputStream(body));
      NodeList list = doc.getElementsByTagNameNS(REQUEST_NS, "EMailAddress");
      if (list.getLength() == 0) {
        return Optional.empty();
      }
      String address = list.item(0).getTextContent().trim();
      return address.contains("@") ? Optional.of(address) : Optional.empty();
    } catch (SAXException e) {
      return Optional.empty();
    } catch (ParserConfigurationException e) {
      throw new IOException(e);
    }
  }

  public static String response(MailSettings s, String address) {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    b.append("<Autodiscover xmlns=\"").append(RESPONSE_NS).append("\">\n");
    b.append("  <Response xmlns=\"").append(OUTLOOK_NS).append("\">\n");
    b.append("    <Account>\n");
    b.append("      <AccountType>email</AccountType>\n");
    b.append("      <Action>settings</Action>\n");
    for (Type t : Type.values()) {
      s.of(t).stream().findFirst().ifPresent(server -> protocol(b, t, s.host(), server, address));
    }
    b.append("    </Account>\n");
    b.append("  </Response>\n");
    b.append("</Autodiscover>\n");
    return b.toString();
  }

  /** An answer for an address we do not host: Outlook shows it and stops. */
  public static String error(String message) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Autodiscover xmlns=\""
        + RESPONSE_NS
        + "\">\n  <Response>\n    <Error>\n      <ErrorCode>600</ErrorCode>\n      <Message>"
        + markup(message)
        + "</Message>\n    </Error>\n  </Response>\n</Autodiscover>\n";
  }

  private static void protocol(StringBuilder b, Type t, String host, Server s, String address) {
    b.append("      <Protocol>\n");
    b.append("        <Type>").append(t.name()).append("</Type>\n");
    b.append("        <Server>").append(markup(host)).append("</Server>\n");
    b.append("        <Port>").append(s.port()).append("</Port>\n");
    b.append("        <LoginName>").append(markup(address)).append("</LoginName>\n");
    b.append("        <DomainRequired>off</DomainRequired>\n");
    b.append("        <SPA>off</SPA>\n");
    if (s.implicitTls()) {
      b.append("        <SSL>on</SSL>\n");
    } else {
      b.append("        <SSL>off</SSL>\n        <Encryption>TLS</Encryption>\n");
    }
    b.append("        <AuthRequired>on</AuthRequired>\n");
    if (t == Type.SMTP) {
      b.append("        <UsePOPAuth>off</UsePOPAuth>\n        <SMTPLast>off</SMTPLast>\n");
    }
    b.append("      </Protocol>\n");
  }
}
