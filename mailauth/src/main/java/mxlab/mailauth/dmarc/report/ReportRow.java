package mxlab.mailauth.dmarc.report;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One evaluated message as an aggregate report counts it (RFC 7489 7.2, Appendix C), kept on disk
 * as one line until its period is reported.
 *
 * @param policyDomain where the DMARC record was found
 * @param destinations the rua= URIs that may receive reports (verified, 7.1), as written
 * @param published the record's policy as it was when the message came
 * @param sourceIp the connecting client's address
 * @param disposition what was done with the message: none, quarantine or reject
 * @param dkim the DMARC-aligned DKIM result: pass or fail
 * @param spf the DMARC-aligned SPF result: pass or fail
 * @param reason a PolicyOverrideType (sampled_out, local_policy) when the disposition is not the
 *     policy's, or empty
 * @param headerFrom the RFC5322.From domain
 * @param envelopeFrom the RFC5321.MailFrom domain, empty for the null sender
 * @param dkimResults each signature's domain, selector and result
 * @param spfResult the SPF check that DMARC used
 */
public record ReportRow(
    String policyDomain,
    List<String> destinations,
    Published published,
    String sourceIp,
    String disposition,
    String dkim,
    String spf,
    String reason,
    String headerFrom,
    String envelopeFrom,
    List<DkimAuth> dkimResults,
    SpfAuth spfResult) {
  public ReportRow {
    destinations = List.copyOf(destinations);
    dkimResults = List.copyOf(dkimResults);
  }

  /** The record's policy_published values. */
  public record Published(String adkim, String aspf, String p, String sp, int pct, String fo) {}

  /** A DKIMAuthResultType. */
  public record DkimAuth(String domain, String selector, String result) {}

  /** An SPFAuthResultType; scope is helo or mfrom. */
  public record SpfAuth(String domain, String scope, String result) {}

  /** What makes two messages one record with a count: everything but the policy and where to. */
  record Key(
      String sourceIp,
      String disposition,
      String dkim,
      String spf,
      String reason,
      String headerFrom,
      String envelopeFrom,
      List<DkimAuth> dkimResults,
      SpfAuth spfResult) {}

  Key key() {
    return new Key(
        sourceIp, disposition, dkim, spf, reason, headerFrom, envelopeFrom, dkimResults, spfResult);
  }

  /** The line on disk: each field percent-encoded, so spaces, commas and slashes separate. */
  String line() {
    List<String> f = new ArrayList<>();
    f.add("1"); // the line format, for a later change
    f.add(enc(policyDomain));
    f.add(list(destinations.stream().map(ReportRow::enc).toList()));
    f.add(
        String.join(
            "/",
            enc(published.adkim()),
            enc(published.aspf()),
            enc(published.p()),
            enc(published.sp()),
            Integer.toString(published.pct()),
            enc(published.fo())));
    for (String s : List.of(sourceIp, disposition, dkim, spf, reason, headerFrom, envelopeFrom)) {
      f.add(enc(s));
    }
    f.add(
        list(
            dkimResults.stream()
                .map(d -> enc(d.domain()) + "/" + enc(d.selector()) + "/" + enc(d.result()))
                .toList()));
    f.add(enc(spfResult.domain()) + "/" + enc(spfResult.scope()) + "/" + enc(spfResult.result()));
    return String.join(" ", f);
  }

  /** A line {@link #line} wrote, or empty for one that is damaged (a crash mid-write). */
  static Optional<ReportRow> parse(String line) {
    String[] f = line.split(" ", -1);
    if (f.length != 13 || !f[0].equals("1")) {
      return Optional.empty();
    }
    try {
      String[] p = f[3].split("/", -1);
      String[] spf = f[12].split("/", -1);
      List<DkimAuth> dkim = new ArrayList<>();
      for (String d : unlist(f[11])) {
        String[] parts = d.split("/", -1);
        dkim.add(new DkimAuth(dec(parts[0]), dec(parts[1]), dec(parts[2])));
      }
      return Optional.of(
          new ReportRow(
              dec(f[1]),
              unlist(f[2]).stream().map(ReportRow::dec).toList(),
              new Published(
                  dec(p[0]), dec(p[1]), dec(p[2]), dec(p[3]), Integer.parseInt(p[4]), dec(p[5])),
              dec(f[4]),
              dec(f[5]),
              dec(f[6]),
              dec(f[7]),
              dec(f[8]),
              dec(f[9]),
              dec(f[10]),
              dkim,
              new SpfAuth(dec(spf[0]), dec(spf[1]), dec(spf[2]))));
    } catch (RuntimeException e) { // a short or garbled line
      return Optional.empty();
    }
  }

  private static String list(List<String> encoded) {
    return encoded.isEmpty() ? "-" : String.join(",", encoded);
  }

  private static List<String> unlist(String field) {
    return field.equals("-") ? List.of() : Arrays.asList(field.split(","));
  }

  private static String enc(String s) {
    return s.isEmpty() ? "%" : URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return s.equals("%") ? "" : URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
