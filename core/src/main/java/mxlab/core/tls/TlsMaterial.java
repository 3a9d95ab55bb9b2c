package mxlab.core.tls;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import mxlab.core.address.IpLiterals;
import mxlab.core.spec.TlsSettings;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's certificate and key, as an {@link SSLContext} whose keys a reload can replace: from
 * the spec's PEM files, or a self-signed certificate generated into the data directory and reused
 * while it names every name asked for (so clients that pinned it keep trusting it); a spec that
 * adds a domain gets a new one that names it too. BouncyCastle reads every PEM key format (PKCS#1,
 * PKCS#8, SEC1) and builds the certificate; the JDK does the TLS.
 */
public final class TlsMaterial {
  /** TLS 1.2 and 1.3 only (RFC 8996 retires older versions). */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;
  private final SwappableKeyManager keys;
  private volatile X509Certificate certificate;

  private TlsMaterial(SSLContext context, SwappableKeyManager keys, X509Certificate certificate) {
    this.context = context;
    this.keys = keys;
    this.certificate = certificate;
  }

  public SSLContext context() {
    return context;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Loads the spec's material, or the self-signed pair in {@code dataDir/tls}, creating it once.
   */
  public static TlsMaterial load(TlsSettings settings, Path dataDir, String hostname)
      throws IOException {
    return load(settings, dataDir, List.of(hostname));
  }

  /**
   * As {@link #load(TlsSettings, Path, String)}, the self-signed certificate naming every one of
   * {@code names} (host names, and IP literals as IP addresses); the first is its subject.
   */
  public static TlsMaterial load(TlsSettings settings, Path dataDir, List<String> names)
      throws IOException {
    Loaded loaded = read(settings, dataDir, names);
    try {
      SwappableKeyManager keys = new SwappableKeyManager(loaded.keyManager());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, null, new SecureRandom());
      return new TlsMaterial(context, keys, loaded.certificate());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Uses new material for every handshake from now on (a reload); listeners stay. */
  public void reload(TlsSettings settings, Path dataDir, List<String> names) throws IOException {
    Loaded loaded = read(settings, dataDir, names);
    keys.swap(loaded.keyManager());
    certificate = loaded.certificate();
  }

  private record Loaded(X509ExtendedKeyManager keyManager, X509Certificate certificate) {}

  private static Loaded read(TlsSettings settings, Path dataDir, List<String> names)
      throws IOException {
    Path cert = settings.certFile(dataDir);
    Path key = settings.keyFile(dataDir);
    if (settings.isSelfSigned()
        && (!Files.exists(cert) || !Files.exists(key) || !namesAll(cert, names))) {
      generate(names, cert, key);
    }
    try {
      List<X509Certificate> chain = readCertificates(cert);
      PrivateKey privateKey = readKey(key);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("mxlab", privateKey, new char[0], chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, new char[0]);
      return new Loaded((X509ExtendedKeyManager) kmf.getKeyManagers()[0], chain.get(0));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use " + cert + " and " + key + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> readCertificates(Path file)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException(file + " holds no PEM certificate");
    }
    return out;
  }

  private static PrivateKey readKey(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException(file + " holds no unencrypted PEM private key");
    }
  }

  /** Whether the certificate in {@code file} names every one of {@code names}. */
  private static boolean namesAll(Path file, List<String> names) throws IOException {
    try {
      Collection<List<?>> sans = readCertificates(file).get(0).getSubjectAlternativeNames();
      Set<String> named = new HashSet<>();
      if (sans != null) {
        sans.forEach(san -> named.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT)));
      }
      return names.stream()
          .map(n -> IpLiterals.parse(n).map(InetAddress::getHostAddress).orElse(n))
          .allMatch(n -> named.contains(n.toLowerCase(Locale.ROOT)));
    } catch (GeneralSecurityException e) {
      return false; // unreadable: make a new one
    }
  }

  private static void generate(List<String> names, Path certFile, Path keyFile) throws IOException {
    SelfSigned.create(names, Duration.ofDays(3650)).write(certFile, keyFile);
  }
}
