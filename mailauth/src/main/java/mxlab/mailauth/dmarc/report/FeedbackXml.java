package mxlab.mailauth.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import mxlab.core.address.IpLiterals;

/**
 * The aggregate report document of RFC 7489 Appendix C: {@code feedback} with our metadata, the
 * policy as last seen, and one {@code record} with a count per distinct row. No namespace, as the
 * reports receivers send and parse in practice carry none.
 */
final class FeedbackXml {
  private FeedbackXml() {}

  /** The report's facts beside its rows. */
  record Metadata(
      String orgName, String email, String reportId, long begin, long end, String policyDomain) {}

  static byte[] render(Metadata meta, List<ReportRow> rows) {
    Map<ReportRow.Key, Integer> counts = new LinkedHashMap<>();
    for (ReportRow r : rows) {
      counts.merge(r.key(), 1, Integer::sum);
    }
    ReportRow.Published p = rows.get(rows.size() - 1).published();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("feedback");
      text(x, "version", "1.0");
      x.writeStartElement("report_metadata");
      text(x, "org_name", meta.orgName());
      text(x, "email", meta.email());
      text(x, "report_id", meta.reportId());
      x.writeStartElement("date_range");
      text(x, "begin", Long.toString(meta.begin()));
      text(x, "end", Long.toString(meta.end()));
      x.writeEndElement();
      x.writeEndElement();
      x.writeStartElement("policy_published");
      text(x, "domain", meta.policyDomain());
      text(x, "adkim", p.adkim());
      text(x, "aspf", p.aspf());
      text(x, "p", p.p());
      text(x, "sp", p.sp());
      text(x, "pct", Integer.toString(p.pct()));
      text(x, "fo", p.fo());
      x.writeEndElement();
      for (Map.Entry<ReportRow.Key, Integer> e : counts.entrySet()) {
        record(x, e.getKey(), e.getValue());
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write a report to memory", e);
    }
    return out.toByteArray();
  }

  private static void record(XMLStreamWriter x, ReportRow.Key k, int count)
      throws XMLStreamException {
    x.writeStartElement("record");
    x.writeStartElement("row");
    text(x, "source_ip", sourceIp(k.sourceIp()));
    text(x, "count", Integer.toString(count));
    x.writeStartElement("policy_evaluated");
    text(x, "disposition", k.disposition());
    text(x, "dkim", k.dkim());
    text(x, "spf", k.spf());
    if (!k.reason().isEmpty()) {
      x.writeStartElement("reason");
      text(x, "type", k.reason());
      x.writeEndElement();
    }
    x.writeEndElement();
    x.writeEndElement();
    x.writeStartElement("identifiers");
    text(x, "envelope_from", k.envelopeFrom());
    text(x, "header_from", k.headerFrom());
    x.writeEndElement();
    x.writeStartElement("auth_results");
    for (ReportRow.DkimAuth d : k.dkimResults()) {
      x.writeStartElement("dkim");
      text(x, "domain", d.domain());
      if (!d.selector().isEmpty()) {
        text(x, "selector", d.selector());
      }
      text(x, "result", d.result());
      x.writeEndElement();
    }
    x.writeStartElement("spf");
    text(x, "domain", k.spfResult().domain());
    text(x, "scope", k.spfResult().scope());
    text(x, "result", k.spfResult().result());
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
  }

  /**
   * An IPv6 address in full, eight groups: Appendix C's IPAddress pattern admits no {@code ::}
   * shorthand.
   */
  static String sourceIp(String address) {
    InetAddress a = IpLiterals.parse(address).orElse(null);
    if (!(a instanceof Inet6Address)) {
      return address;
    }
    byte[] b = a.getAddress();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) {
        s.append(':');
      }
      s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
    }
    return s.toString();
  }

  private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(value);
    x.writeEndElement();
  }
}
