package mxlab.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * How a domain signs its mail (RFC 6376), from its {@code dkim} key.
 *
 * @param selector the selector of the signing keys; null when the domain does not sign
 * @param retired selectors whose keys stay published but no longer sign: the old half of a key
 *     rotation, kept until mail signed with them has been delivered and read
 */
public record Dkim(String selector, Algorithm algorithm, List<String> retired) {
  public static final String DEFAULT_SELECTOR = "mxlab";

  /** The spec's {@code algorithm} values. */
  public enum Algorithm {
    RSA_2048("rsa-2048"),
    ED25519("ed25519"),
    BOTH("both");

    private final String specName;

    Algorithm(String specName) {
      this.specName = specName;
    }

    public String specName() {
      return specName;
    }
  }

  /** One key a domain signs with: a selector and its key type. */
  public record Key(String selector, KeyType type) {}

  /** The key types of DKIM: RSA (RFC 6376 3.3.1) and Ed25519 (RFC 8463). */
  public enum KeyType {
    RSA("rsa"),
    ED25519("ed25519");

    private final String tag;

    KeyType(String tag) {
      this.tag = tag;
    }

    /** The k= tag of the key record. */
    public String tag() {
      return tag;
    }
  }

  public Dkim {
    retired = List.copyOf(retired);
  }

  public static Dkim defaults() {
    return new Dkim(DEFAULT_SELECTOR, Algorithm.RSA_2048, List.of());
  }

  public static Dkim off() {
    return new Dkim(null, Algorithm.RSA_2048, List.of());
  }

  public boolean signs() {
    return selector != null;
  }

  /**
   * The keys that sign: one under the selector, or with {@code both} an RSA key at {@code
   * SELECTOR-rsa} and an Ed25519 key at {@code SELECTOR-ed25519} (one TXT record per selector).
   */
  public List<Key> signingKeys() {
    List<Key> keys = new ArrayList<>();
    if (!signs()) {
      return keys;
    }
    switch (algorithm) {
      case RSA_2048 -> keys.add(new Key(selector, KeyType.RSA));
      case ED25519 -> keys.add(new Key(selector, KeyType.ED25519));
      case BOTH -> {
        keys.add(new Key(selector + "-rsa", KeyType.RSA));
        keys.add(new Key(selector + "-ed25519", KeyType.ED25519));
      }
    }
    return keys;
  }
}
