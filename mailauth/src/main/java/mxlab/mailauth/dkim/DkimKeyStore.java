package mxlab.mailauth.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mxlab.core.spec.Dkim;
import mxlab.core.spec.Domain;
import mxlab.core.store.PrivateFiles;

/**
 * The domains' DKIM keys in {@code data_dir/dkim/DOMAIN/SELECTOR.TYPE.key}: PKCS#8 PEM files, 0600,
 * made once when a selector first appears and kept (a new key would break the signatures of mail
 * still on its way). Retired selectors are read, never made, so rotation publishes the old key
 * until the spec drops it.
 */
public final class DkimKeyStore {
  /** One published key record: {@code SELECTOR._domainkey} relative to the domain. */
  public record Published(String owner, String text) {}

  private static final Map<Path, DkimKeyStore> STORES = new ConcurrentHashMap<>();

  private final Path dir;
  private final Map<Path, DkimKey> loaded = new ConcurrentHashMap<>();
  private final Map<Path, Object> locks = new ConcurrentHashMap<>();

  private DkimKeyStore(Path dir) {
    this.dir = dir;
  }

  /**
   * The store of {@code dataDir}: one per directory in this JVM, so the zone compiler and the
   * signer never make two different keys for one selector.
   */
  public static DkimKeyStore at(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize().resolve("dkim");
    return STORES.computeIfAbsent(dir, DkimKeyStore::new);
  }

  /**
   * Makes the missing signing keys of {@code domains} on every core at once: an RSA-2048 key takes
   * a fifth of a second or more, and a classroom has dozens of domains.
   */
  public void prepare(List<Domain> domains) throws IOException {
    prepare(domains, () -> false);
  }

  /**
   * The same on half the cores (the other half keeps serving), stopping early (between keys) once
   * {@code stop} says so.
   */
  public void prepare(List<Domain> domains, java.util.function.BooleanSupplier stop)
      throws IOException {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
    try {
      pool.submit(() -> make(domains, stop)).get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.io.UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making DKIM keys", e);
    } finally {
      pool.shutdown();
    }
  }

  private void make(List<Domain> domains, java.util.function.BooleanSupplier stop) {
    domains.parallelStream()
        .forEach(
            d -> {
              if (stop.getAsBoolean()) {
                return;
              }
              try {
                signingKeys(d, true);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /**
   * The keys {@code domain} signs with.
   *
   * @param make make missing ones; without, only the keys there are (those the zone publishes)
   */
  public List<DkimKey> signingKeys(Domain domain, boolean make) throws IOException {
    List<DkimKey> keys = new ArrayList<>();
    for (Dkim.Key k : domain.dkim().signingKeys()) {
      DkimKey key = key(domain.name(), k.selector(), k.type(), make);
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** Whether some signing key of {@code domains} has not been made yet. */
  public boolean missing(List<Domain> domains) {
    return domains.stream()
        .anyMatch(
            d ->
                d.dkim().signingKeys().stream()
                    .anyMatch(k -> !Files.exists(file(d.name(), k.selector(), k.type()))));
  }

  private Path file(String domain, String selector, Dkim.KeyType type) {
    return dir.resolve(domain).resolve(selector + "." + type.tag() + ".key");
  }

  /**
   * The key records of {@code domain}: signing keys, then retired ones that still exist.
   *
   * @param make make missing signing keys (mxlab up); without, only existing keys (mxlab zone)
   */
  public List<Published> published(Domain domain, boolean make) throws IOException {
    List<Published> out = new ArrayList<>();
    for (Dkim.Key k : domain.dkim().signingKeys()) {
      DkimKey key = key(domain.name(), k.selector(), k.type(), make);
      if (key != null) {
        out.add(new Published(k.selector() + "._domainkey", key.record()));
      }
    }
    for (String retired : domain.dkim().retired()) {
      for (Dkim.KeyType type : Dkim.KeyType.values()) {
        // the selector as it was given, or as `algorithm: both` named its keys (SELECTOR-rsa)
        for (String selector : List.of(retired, retired + "-" + type.tag())) {
          DkimKey k = key(domain.name(), selector, type, false);
          if (k != null) {
            out.add(new Published(selector + "._domainkey", k.record()));
          }
        }
      }
    }
    return out;
  }

  private DkimKey key(String domain, String selector, Dkim.KeyType type, boolean make)
      throws IOException {
    Path file = file(domain, selector, type);
    DkimKey cached = loaded.get(file);
    if (cached != null) {
      return cached;
    }
    // one lock per key file: different keys are made in parallel, one key only once
    synchronized (locks.computeIfAbsent(file, f -> new Object())) {
      cached = loaded.get(file);
      if (cached != null) {
        return cached;
      }
      DkimKey key;
      if (Files.exists(file)) {
        key = read(file, selector, type);
      } else if (make) {
        key = generate(selector, type);
        PrivateFiles.createDirectories(file.getParent());
        PrivateFiles.replace(file, pem(key));
      } else {
        return null;
      }
      loaded.put(file, key);
      return key;
    }
  }

  private static DkimKey generate(String selector, Dkim.KeyType type) {
    try {
      KeyPairGenerator g =
          KeyPairGenerator.getInstance(type == Dkim.KeyType.RSA ? "RSA" : "Ed25519");
      if (type == Dkim.KeyType.RSA) {
        g.initialize(2048);
      }
      KeyPair pair = g.generateKeyPair();
      return new DkimKey(selector, type, pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK 17 has RSA and Ed25519", e);
    }
  }

  /** A file holds the private key and, after it, the public one (JDK 17 cannot derive it). */
  private static DkimKey read(Path file, String selector, Dkim.KeyType type) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      String algorithm = type == Dkim.KeyType.RSA ? "RSA" : "Ed25519";
      KeyFactory f = KeyFactory.getInstance(algorithm);
      PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY")));
      PublicKey pub = f.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY")));
      return new DkimKey(selector, type, priv, pub);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + " is not a " + type.tag() + " key pair: " + e.getMessage(), e);
    }
  }

  private static byte[] block(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    int start = pem.indexOf(begin);
    int end = pem.indexOf("-----END " + label + "-----");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("no " + label + " block");
    }
    return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
  }

  private static byte[] pem(DkimKey key) {
    return (pem("PRIVATE KEY", key.privateKey().getEncoded())
            + pem("PUBLIC KEY", key.publicKey().getEncoded()))
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String pem(String label, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }
}
