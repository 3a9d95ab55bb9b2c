package mxlab.mailauth.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mxlab.core.spec.Dkim;
import mxlab.mailauth.MailMessage;

/** What a DKIM signature covers and how it is computed: one place for the signer and verifier. */
final class SignedData {
  private SignedData() {}

  /** SHA-256 of the canonicalized body, its first {@code length} octets if not negative. */
  static byte[] bodyHash(MailMessage message, Canonicalization c, long length) {
    byte[] body = c.body(message.body());
    int n = length < 0 || length > body.length ? body.length : (int) length;
    MessageDigest sha = sha256();
    sha.update(body, 0, n);
    return sha.digest();
  }

  /**
   * The header data hashed (RFC 6376 3.7): each field named in h=, instances taken from the bottom
   * up (5.4.2), a name with no instance left adding nothing; then the signature field with an empty
   * b= and no final CRLF.
   */
  static byte[] headerData(
      MailMessage message, List<String> signed, Canonicalization c, String signatureField) {
    StringBuilder data = new StringBuilder();
    Map<String, Integer> used = new HashMap<>();
    List<MailMessage.Field> fields = message.fields();
    for (String name : signed) {
      String key = name.strip().toLowerCase(Locale.ROOT);
      int skip = used.merge(key, 1, Integer::sum) - 1;
      int seen = 0;
      for (int i = fields.size() - 1; i >= 0; i--) {
        if (fields.get(i).is(key) && seen++ == skip) {
          data.append(c.header(fields.get(i).raw()));
          break;
        }
      }
    }
    String canonical = c.header(withEmptyB(signatureField));
    data.append(canonical, 0, canonical.length() - 2);
    return data.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The field with its b= tag's value taken out, the whitespace around it kept (RFC 6376 3.5, 3.7):
   * the first tag named b, its name alone between the semicolons and the equals sign.
   */
  static String withEmptyB(String field) {
    int from = field.indexOf(':') + 1;
    while (from <= field.length()) {
      int semicolon = field.indexOf(';', from);
      int end = semicolon < 0 ? field.length() : semicolon;
      int equals = field.indexOf('=', from);
      if (equals >= 0 && equals < end && field.substring(from, equals).strip().equals("b")) {
        return field.substring(0, equals + 1) + field.substring(end);
      }
      from = end + 1;
    }
    return field;
  }

  /** rsa-sha256 signs the data; ed25519-sha256 signs its SHA-256 hash (RFC 8463 3). */
  static byte[] sign(Dkim.KeyType type, PrivateKey key, byte[] data)
      throws GeneralSecurityException {
    if (type == Dkim.KeyType.ED25519) {
      return Ed25519.sign(key, sha256().digest(data));
    }
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  static boolean verify(Dkim.KeyType type, PublicKey key, byte[] data, byte[] signature)
      throws GeneralSecurityException {
    if (type == Dkim.KeyType.ED25519) {
      return Ed25519.verify(key, sha256().digest(data), signature);
    }
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update(data);
    return s.verify(signature);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
