package mxlab.mailauth.dkim;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import mxlab.mailauth.MailMessage;

/**
 * Signs messages (RFC 6376 5): relaxed/relaxed, rsa-sha256 or ed25519-sha256 (RFC 8463). From, To,
 * Subject and Date are signed once more than they occur (8.15), so nobody can add one later.
 */
public final class DkimSigner {
  /** Fields worth signing (RFC 6376 5.4.1), in h= order. */
  private static final List<String> SIGNED =
      List.of(
          "from",
          "to",
          "cc",
          "subject",
          "date",
          "message-id",
          "reply-to",
          "in-reply-to",
          "references",
          "mime-version",
          "content-type",
          "content-transfer-encoding");

  private static final Set<String> OVERSIGNED = Set.of("from", "to", "subject", "date");

  private DkimSigner() {}

  /**
   * The DKIM-Signature field for {@code message}, folded with CRLF.
   *
   * @param time the t= tag, seconds since the epoch
   */
  public static String sign(MailMessage message, String domain, DkimKey key, long time) {
    return sign(message, domain, List.of(key), time).get(0);
  }

  /**
   * One DKIM-Signature field per key, in order: the h= list and the body hash are worked out once
   * for all of them (a body is canonicalized and hashed once, not once per key).
   */
  public static List<String> sign(
      MailMessage message, String domain, List<DkimKey> keys, long time) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> h = new ArrayList<>();
    for (String name : SIGNED) {
      int count = message.all(name).size() + (OVERSIGNED.contains(name) ? 1 : 0);
      for (int i = 0; i < count; i++) {
        h.add(name);
      }
    }
    Canonicalization c = Canonicalization.RELAXED;
    String bh = Base64.getEncoder().encodeToString(SignedData.bodyHash(message, c, -1));
    String tags = ";\r\n\tt=" + time + "; h=" + fold(String.join(":", h), ':') + ";\r\n\tbh=" + bh;
    List<String> fields = new ArrayList<>();
    for (DkimKey key : keys) {
      String field =
          "DKIM-Signature: v=1; a="
              + key.algorithmTag()
              + "; c=relaxed/relaxed; d="
              + domain
              + "; s="
              + key.selector()
              + tags
              + ";\r\n\tb=";
      try {
        byte[] data = SignedData.headerData(message, h, c, field);
        byte[] b = SignedData.sign(key.type(), key.privateKey(), data);
        fields.add(field + fold(Base64.getEncoder().encodeToString(b), (char) 0));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign with the " + key.type() + " key", e);
      }
    }
    return fields;
  }

  /** Breaks a long value into lines of at most 72 characters, after {@code at} if given. */
  private static String fold(String value, char at) {
    StringBuilder out = new StringBuilder();
    int line = 0;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      out.append(ch);
      line++;
      boolean breakable = at == 0 || ch == at;
      if (line >= 64 && breakable && i < value.length() - 1) {
        out.append("\r\n\t ");
        line = 0;
      }
    }
    return out.toString();
  }
}
