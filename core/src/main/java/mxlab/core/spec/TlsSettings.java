package mxlab.core.spec;

import java.nio.file.Path;

/**
 * PEM certificate chain and private key; both null means a self-signed certificate generated once
 * into the data directory.
 */
public record TlsSettings(Path cert, Path key) {
  public static TlsSettings selfSigned() {
    return new TlsSettings(null, null);
  }

  public boolean isSelfSigned() {
    return cert == null;
  }

  /** The certificate chain's file: the given one, or the self-signed one in the data directory. */
  public Path certFile(Path dataDir) {
    return isSelfSigned() ? dataDir.resolve("tls").resolve("cert.pem") : cert;
  }

  /** The private key's file, beside the self-signed certificate when there is no other. */
  public Path keyFile(Path dataDir) {
    return isSelfSigned() ? dataDir.resolve("tls").resolve("key.pem") : key;
  }
}
