package mxlab.mailauth.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import mxlab.core.spec.Dkim;

/**
 * A DKIM key pair, and the conversions between JDK keys and DKIM's texts: the p= value of the key
 * record (RFC 6376 3.6.1: SubjectPublicKeyInfo for RSA; RFC 8463 3: the bare 32 octets for
 * Ed25519), and the a= algorithm it signs with.
 */
public record DkimKey(
    String selector, Dkim.KeyType type, PrivateKey privateKey, PublicKey publicKey) {
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key octets. */
  private static final byte[] ED25519_SPKI_PREFIX = hex("302a300506032b6570032100");

  /** The DER prefix of an Ed25519 PKCS#8 private key (RFC 8410), before the 32-octet seed. */
  private static final byte[] ED25519_PKCS8_PREFIX = hex("302e020100300506032b657004220420");

  /** The a= tag: rsa-sha256 or ed25519-sha256. */
  public String algorithmTag() {
    return type.tag() + "-sha256";
  }

  /** The TXT record at {@code SELECTOR._domainkey.DOMAIN}. */
  public String record() {
    return "v=DKIM1; k=" + type.tag() + "; p=" + publicKeyText(type, publicKey);
  }

  public static String publicKeyText(Dkim.KeyType type, PublicKey key) {
    byte[] der = key.getEncoded();
    byte[] p =
        type == Dkim.KeyType.ED25519 ? Arrays.copyOfRange(der, der.length - 32, der.length) : der;
    return Base64.getEncoder().encodeToString(p);
  }

  /** The public key of a key record's p= value; throws on anything that is not one. */
  public static PublicKey publicKey(Dkim.KeyType type, String base64)
      throws GeneralSecurityException {
    byte[] p;
    try {
      p = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("p= is not base64");
    }
    if (type == Dkim.KeyType.ED25519) {
      if (p.length != 32) {
        throw new GeneralSecurityException("an Ed25519 key has 32 octets, not " + p.length);
      }
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, p)));
    }
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p));
  }

  /** An Ed25519 private key from its 32-octet seed (RFC 8032 5.1.5), as RFC 8463 prints keys. */
  public static PrivateKey ed25519PrivateKey(byte[] seed) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, seed)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
