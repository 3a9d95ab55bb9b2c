package mxlab.mailauth.dmarc;

import java.util.Locale;
import java.util.Set;

/**
 * The organizational domain of RFC 7489 3.2, by a small built-in public suffix list instead of the
 * whole Mozilla list (mxlab reads nothing from the network): a domain under one of these two-label
 * suffixes keeps three labels, any other domain two. Labs use made-up TLDs (.lab, .test), where two
 * labels are right; the list covers the common second-level registries.
 */
public final class OrganizationalDomain {
  private static final Set<String> TWO_LABEL_SUFFIXES =
      Set.of(
          "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "sch.uk",
          "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au", "co.nz", "org.nz",
          "net.nz", "ac.nz", "govt.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.za",
          "org.za", "ac.za", "gov.za", "com.br", "net.br", "org.br", "gov.br", "com.cn", "net.cn",
          "org.cn", "edu.cn", "gov.cn", "co.in", "net.in", "org.in", "ac.in", "gov.in", "com.mx",
          "org.mx", "gob.mx", "co.kr", "or.kr", "ac.kr", "com.tr", "org.tr", "edu.tr", "com.tw",
          "org.tw", "edu.tw", "co.il", "org.il", "ac.il", "com.sg", "edu.sg", "com.hk", "edu.hk",
          "com.ar", "com.ro", "org.ro");

  private OrganizationalDomain() {}

  public static String of(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    String[] labels = d.split("\\.");
    if (labels.length <= 2) {
      return d;
    }
    String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
    int keep = TWO_LABEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
    if (labels.length <= keep) {
      return d;
    }
    return String.join(
        ".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
  }
}
