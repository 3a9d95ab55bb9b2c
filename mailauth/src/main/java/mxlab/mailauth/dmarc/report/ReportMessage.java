package mxlab.mailauth.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The mail that carries one aggregate report (RFC 7489 7.2.1.1): the XML gzipped as an {@code
 * application/gzip} attachment named {@code receiver!policy-domain!begin!end.xml.gz}, and the
 * Subject "Report Domain: ... Submitter: ... Report-ID: <...>".
 */
final class ReportMessage {
  private ReportMessage() {}

  /** The gzipped document as a whole, for the !size limit check. */
  static byte[] gzip(byte[] xml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String fileName(FeedbackXml.Metadata m) {
    return m.orgName() + "!" + m.policyDomain() + "!" + m.begin() + "!" + m.end() + ".xml.gz";
  }

  /** The message's lines, header and body, without line ends. */
  static List<String> lines(
      FeedbackXml.Metadata m, String to, String hostname, byte[] gzipped, Instant now) {
    String boundary = "=_dmarc_" + Long.toHexString(now.toEpochMilli()) + "_" + m.reportId();
    String file = fileName(m);
    List<String> l = new ArrayList<>();
    l.add("From: " + m.email());
    l.add("To: " + to);
    l.add("Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC)));
    l.add(
        "Subject: Report Domain: "
            + m.policyDomain()
            + " Submitter: "
            + m.orgName()
            + " Report-ID: <"
            + m.reportId()
            + ">");
    l.add("Message-ID: <" + m.reportId() + "@" + hostname + ">");
    l.add("MIME-Version: 1.0");
    l.add("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"");
    l.add("");
    l.add("--" + boundary);
    l.add("Content-Type: text/plain; charset=us-ascii");
    l.add("");
    l.add("This is a DMARC aggregate report (RFC 7489) for " + m.policyDomain() + ",");
    l.add(
        "from "
            + m.orgName()
            + ", on the mail it received from "
            + Instant.ofEpochSecond(m.begin())
            + " to "
            + Instant.ofEpochSecond(m.end())
            + ".");
    l.add("--" + boundary);
    l.add("Content-Type: application/gzip; name=\"" + file + "\"");
    l.add("Content-Disposition: attachment; filename=\"" + file + "\"");
    l.add("Content-Transfer-Encoding: base64");
    l.add("");
    String b64 = Base64.getEncoder().encodeToString(gzipped);
    for (int i = 0; i < b64.length(); i += 76) {
      l.add(b64.substring(i, Math.min(b64.length(), i + 76)));
    }
    l.add("--" + boundary + "--");
    return l;
  }
}
