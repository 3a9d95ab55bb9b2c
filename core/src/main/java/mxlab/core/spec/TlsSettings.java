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
}
