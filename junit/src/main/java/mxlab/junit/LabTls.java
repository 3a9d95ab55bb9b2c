package mxlab.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate a lab's services present (STARTTLS and implicit TLS alike), and the client side
 * that trusts it and nothing else: hand {@link #sslContext()} or {@link #socketFactory()} to the
 * code under test instead of switching certificate checks off.
 */
public final class LabTls {
  private final X509Certificate certificate;
  private final KeyStore trustStore;
  private final X509TrustManager trustManager;
  private final SSLContext context;

  /** The client side for {@code certificate}: a trust store of it alone, and what uses that. */
  private LabTls(X509Certificate certificate) throws GeneralSecurityException, IOException {
    this.certificate = certificate;
    trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("mxlab-lab", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore);
    trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
    context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustManager}, null);
  }

  static LabTls trusting(Path certFile) throws IOException {
    try (InputStream in = Files.newInputStream(certFile)) {
      return new LabTls(
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the lab certificate " + certFile + ": " + e, e);
    }
  }

  /** The server certificate: names the lab's host name, localhost and 127.0.0.1. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** A PKCS12 trust store holding the lab certificate (no password), e.g. for javax.net.ssl. */
  public KeyStore trustStore() {
    return trustStore;
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** A client context trusting the lab certificate only. */
  public SSLContext sslContext() {
    return context;
  }

  /** For Jakarta Mail's {@code mail.smtp.ssl.socketFactory} and the like. */
  public SSLSocketFactory socketFactory() {
    return context.getSocketFactory();
  }
}
