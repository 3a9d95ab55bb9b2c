package mxlab.junit;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mxlab.core.tls.SelfSigned;

/**
 * The certificate of a lab, written where the server looks for its self-signed pair before it
 * starts. Unlike the server's own, it also names localhost and 127.0.0.1, which is where clients in
 * tests connect, so clients that check the server's identity (Jakarta Mail does) accept it once
 * they trust it.
 */
record LabCertificate(X509Certificate certificate, PrivateKey key) {
  /**
   * Makes the pair for the server's names (which it then reuses instead of generating its own) plus
   * localhost, and writes it as PEM where the server will read it.
   */
  static LabCertificate write(List<String> serverNames, Path certFile, Path keyFile)
      throws IOException {
    List<String> names = new ArrayList<>(serverNames);
    names.add("localhost");
    names.add(InetAddress.getLoopbackAddress().getHostAddress());
    SelfSigned pair = SelfSigned.create(names, Duration.ofDays(30));
    pair.write(certFile, keyFile);
    return new LabCertificate(pair.certificate(), pair.key());
  }

  /**
   * A server context presenting this certificate. The key stays in memory in a JKS store, which
   * (unlike PKCS12's PBKDF2) costs nothing to fill: this is on every lab's start.
   */
  SSLContext serverContext() throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("JKS");
      store.load(null, null);
      char[] none = new char[0];
      store.setKeyEntry("lab", key, none, new X509Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, none);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the lab certificate: " + e.getMessage(), e);
    }
  }
}
