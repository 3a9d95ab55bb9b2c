package mxlab.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * A stored password, in Dovecot's notation: {@code {SHA512-CRYPT}$6$salt$hash} (the default,
 * glibc's salted and iterated SHA-512 crypt), {@code {SHA256-CRYPT}$5$...}, or {@code
 * {PLAIN}secret} for labs. A bare {@code $6$...} or {@code $5$...} is read as its crypt scheme.
 */
public record PasswordHash(Scheme scheme, String value) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SALT_CHARS =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  public enum Scheme {
    SHA512_CRYPT("SHA512-CRYPT"),
    SHA256_CRYPT("SHA256-CRYPT"),
    PLAIN("PLAIN");

    private final String label;

    Scheme(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Reads a stored password. Empty when the text has an unknown {@code {SCHEME}}; text without a
   * scheme that is not a crypt string is taken as plaintext (the validator warns about it).
   */
  public static Optional<PasswordHash> parse(String text) {
    if (text.startsWith("{")) {
      int close = text.indexOf('}');
      if (close < 0) {
        return Optional.empty();
      }
      String label = text.substring(1, close).toUpperCase(Locale.ROOT);
      String value = text.substring(close + 1);
      for (Scheme s : Scheme.values()) {
        if (s.label.equals(label) && (s == Scheme.PLAIN || looksLikeCrypt(s, value))) {
          return Optional.of(new PasswordHash(s, value));
        }
      }
      return Optional.empty();
    }
    if (looksLikeCrypt(Scheme.SHA512_CRYPT, text)) {
      return Optional.of(new PasswordHash(Scheme.SHA512_CRYPT, text));
    }
    if (looksLikeCrypt(Scheme.SHA256_CRYPT, text)) {
      return Optional.of(new PasswordHash(Scheme.SHA256_CRYPT, text));
    }
    return Optional.of(new PasswordHash(Scheme.PLAIN, text));
  }

  private static boolean looksLikeCrypt(Scheme scheme, String value) {
    String prefix = scheme == Scheme.SHA512_CRYPT ? "$6$" : "$5$";
    return value.startsWith(prefix) && value.lastIndexOf('$') > prefix.length();
  }

  /** A new SHA512-CRYPT hash of {@code password} with a random 16-character salt. */
  public static PasswordHash hash(String password) {
    // glibc's default of 5000 rounds, as mkpasswd and doveadm pw write it, so exports verify.
    StringBuilder salt = new StringBuilder("$6$");
    for (int i = 0; i < 16; i++) {
      salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
    }
    return new PasswordHash(
        Scheme.SHA512_CRYPT,
        Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), salt.toString()));
  }

  /** Checks {@code password} in constant time with respect to its content. */
  public boolean verify(String password) {
    byte[] given = password.getBytes(StandardCharsets.UTF_8);
    String computed;
    try {
      computed =
          switch (scheme) {
            case PLAIN -> password;
            case SHA512_CRYPT -> Sha2Crypt.sha512Crypt(given, value);
            case SHA256_CRYPT -> Sha2Crypt.sha256Crypt(given, value);
          };
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(
        computed.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  /** The clear text, where the stored secret allows challenge-response (CRAM-MD5, APOP). */
  public Optional<String> plaintext() {
    return scheme == Scheme.PLAIN ? Optional.of(value) : Optional.empty();
  }

  /** As written in specs and Dovecot passwd-files. */
  @Override
  public String toString() {
    return "{" + scheme.label + "}" + value;
  }
}
