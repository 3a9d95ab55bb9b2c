package mxlab.core.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mxlab.core.auth.accounts.Credentials;

/**
 * CRAM-MD5 (RFC 2195): the client answers a unique challenge with HMAC-MD5 keyed by its password.
 * It needs the clear secret, so it works only for {PLAIN} passwords.
 */
final class CramMd5Exchange implements SaslExchange {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] challenge;
  private String login;
  private String digest;

  CramMd5Exchange(String hostname) {
    this.challenge =
        ("<"
                + Long.toUnsignedString(RANDOM.nextLong())
                + "."
                + System.currentTimeMillis()
                + "@"
                + hostname
                + ">")
            .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public byte[] firstChallenge() {
    return challenge;
  }

  @Override
  public byte[] respond(byte[] response) {
    String text = new String(response, StandardCharsets.UTF_8);
    int space = text.lastIndexOf(' ');
    if (space <= 0 || !text.substring(space + 1).matches("[0-9a-fA-F]{32}")) {
      throw new IllegalArgumentException("CRAM-MD5 needs 'user hexdigest'");
    }
    login = text.substring(0, space);
    digest = text.substring(space + 1).toLowerCase();
    return null;
  }

  @Override
  public Optional<Credentials.Account> verify(Credentials credentials) {
    Optional<Credentials.Account> account = credentials.account(login);
    Optional<String> secret = account.flatMap(a -> a.password().plaintext());
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    String expected = hmacMd5(secret.get(), challenge);
    boolean match =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            digest.getBytes(StandardCharsets.US_ASCII));
    return match ? account : Optional.empty();
  }

  static String hmacMd5(String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacMD5", e);
    }
  }

  @Override
  public String login() {
    return login;
  }
}
