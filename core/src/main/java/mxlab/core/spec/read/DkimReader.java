package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mxlab.core.spec.Dkim;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problems;

/**
 * A domain's {@code dkim} key: {@code false} (no signing), or {@code {selector, algorithm,
 * retired}}; absent means the defaults, an RSA-2048 key under selector {@code mxlab}.
 */
record DkimReader(Problems problems) {
  private static final String SELECTOR = "[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?";

  Dkim read(Fields domain, String where) {
    Node n = domain.node("dkim");
    if (n == null) {
      return Dkim.defaults();
    }
    if (n instanceof Node.Scalar s) {
      String text = s.text().trim().toLowerCase(Locale.ROOT);
      if (text.equals("false") || text.equals("off") || text.equals("no")) {
        return Dkim.off();
      }
      problems.error(
          n.location(),
          where + ": dkim must be false or a mapping, not '" + s.text() + "'",
          "write 'dkim: { selector: mxlab, algorithm: rsa-2048 }', or 'dkim: false' to not sign");
      return Dkim.defaults();
    }
    Fields f = Fields.of(n, domain.location(), where + " dkim", problems);
    String selector =
        selector(f.string("selector", Dkim.DEFAULT_SELECTOR), f.at("selector"), "selector", where);
    String algorithm = f.string("algorithm", Dkim.Algorithm.RSA_2048.specName());
    Dkim.Algorithm chosen = null;
    for (Dkim.Algorithm a : Dkim.Algorithm.values()) {
      if (a.specName().equalsIgnoreCase(algorithm.trim())) {
        chosen = a;
      }
    }
    if (chosen == null) {
      problems.error(
          f.at("algorithm"),
          where + ": dkim algorithm '" + algorithm + "' is not known",
          "write rsa-2048, ed25519 or both");
      chosen = Dkim.Algorithm.RSA_2048;
    }
    List<String> retired = new ArrayList<>();
    for (Scalars.Item item : f.strings("retired")) {
      String r = selector(item.text(), item.location(), "retired", where);
      if (r.equals(selector)) {
        problems.error(
            item.location(),
            where + ": dkim selector " + r + " is both in use and retired",
            "a new selector signs; list only the old one under retired");
      } else {
        retired.add(r);
      }
    }
    f.finish();
    return new Dkim(selector, chosen, retired);
  }

  private String selector(String text, Location at, String key, String where) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (!s.matches(SELECTOR)) {
      problems.error(
          at,
          where + ": dkim " + key + " '" + text + "' is not a selector",
          "write one DNS label of letters, digits and hyphens, like mxlab or 2026a");
    }
    return s;
  }
}
