package mxlab.mailauth;

import java.util.ArrayList;
import java.util.List;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.dmarc.DmarcResult;
import mxlab.mailauth.spf.SpfResult;

/** The Authentication-Results field (RFC 8601 2.2) for what the checks found. */
public final class AuthenticationResults {
  private AuthenticationResults() {}

  /** What was checked and found for one message. */
  public record Verdicts(
      List<DkimResult> dkim,
      SpfResult spfMailFrom,
      String mailFrom,
      SpfResult spfHelo,
      String helo,
      DmarcResult dmarc) {}

  /** The field, folded with LF and a tab before each result. */
  public static String field(String authservId, Verdicts v) {
    List<String> results = new ArrayList<>();
    if (v.dkim().isEmpty()) {
      results.add("dkim=none");
    }
    for (DkimResult d : v.dkim()) {
      StringBuilder b = new StringBuilder("dkim=").append(d.verdict().keyword());
      if (!d.reason().isEmpty()) {
        b.append(" (").append(comment(d.reason())).append(')');
      }
      if (d.domain() != null) {
        b.append(" header.d=").append(d.domain());
      }
      if (d.selector() != null) {
        b.append(" header.s=").append(value(d.selector()));
      }
      if (d.algorithm() != null) {
        b.append(" header.a=").append(value(d.algorithm()));
      }
      if (!d.b().isEmpty()) {
        b.append(" header.b=").append(value(d.b()));
      }
      results.add(b.toString());
    }
    results.add(
        "spf="
            + v.spfMailFrom().verdict().keyword()
            + " smtp.mailfrom="
            + value(v.mailFrom().isEmpty() ? "<>" : v.mailFrom()));
    if (v.helo() != null) {
      results.add("spf=" + v.spfHelo().verdict().keyword() + " smtp.helo=" + value(v.helo()));
    }
    DmarcResult d = v.dmarc();
    StringBuilder dmarc = new StringBuilder("dmarc=").append(d.verdict().keyword());
    if (d.policy() != null) {
      dmarc
          .append(" (p=")
          .append(d.policy().keyword())
          .append(" dis=")
          .append(d.disposition().keyword())
          .append(')');
    }
    if (d.fromDomain() != null) {
      dmarc.append(" header.from=").append(d.fromDomain());
    }
    results.add(dmarc.toString());
    return "Authentication-Results: " + authservId + ";\n\t" + String.join(";\n\t", results);
  }

  /** The maillog words: {@code dkim=pass spf=pass dmarc=pass}. */
  public static List<String> notes(Verdicts v) {
    String dkim =
        v.dkim().isEmpty()
            ? "none"
            : String.join(",", v.dkim().stream().map(r -> r.verdict().keyword()).toList());
    return List.of(
        "dkim=" + dkim,
        "spf=" + v.spfMailFrom().verdict().keyword(),
        "dmarc=" + v.dmarc().verdict().keyword());
  }

  /** A value as an RFC 2045 token, or quoted when it holds a tspecial ({@code / = @ ...}). */
  static String value(String s) {
    boolean token = !s.isEmpty();
    for (char c : s.toCharArray()) {
      if (c <= ' ' || c >= 127 || "()<>,;:\\\"/[]?=".indexOf(c) >= 0) {
        token = false;
      }
    }
    // local-part@domain is a pvalue of its own (RFC 8601 2.2) when the local part is a token
    if (!token && s.matches("[A-Za-z0-9!#$%&'*+./=?^_`{|}~-]+@[A-Za-z0-9.-]+")) {
      return s;
    }
    return token ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String comment(String s) {
    return s.replaceAll("[()\\\\\r\n]", " ");
  }
}
