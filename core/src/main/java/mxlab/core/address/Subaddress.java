package mxlab.core.address;

import java.util.List;

/**
 * Local parts of the form {@code user+detail} (RFC 5233 3), split as sendmail's {@code $+ + $*}
 * splits them: at the first {@code +}, with a user before it; the detail may be empty.
 */
public final class Subaddress {
  private Subaddress() {}

  /**
   * The keys sendmail tries for a local part, in its order (cf/m4/proto.m4: the access map's F and
   * U lookups, the virtusertable and, through ruleset 5, the aliases): {@code user+detail}, then
   * {@code user+*}, then {@code user}. Just {@code local} when it has no detail.
   */
  public static List<String> lookupForms(String local) {
    int plus = local.indexOf('+');
    if (plus <= 0 || local.startsWith("\"")) {
      return List.of(local);
    }
    String user = local.substring(0, plus);
    return List.of(local, user + "+*", user);
  }

  /** {@code user} of {@code user+detail}; {@code local} itself when it has no detail. */
  public static String user(String local) {
    List<String> forms = lookupForms(local);
    return forms.get(forms.size() - 1);
  }
}
