package mxlab.junit;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mxlab.core.store.PrivateFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate of a lab, written where the server looks for its self-signed pair before it
 * starts. Unlike the server's own, it also names localhost and 127.0.0.1, which is where clients in
 * tests connect, so clients that check the server's identity (Jakarta Mail does) accept it once
 * they trust it.
 */
record LabCertificate(X509Certificate certificate, PrivateKey key) {
  /** Makes the pair and writes it as PEM where the server will read it. */
  static LabCertificate write(String hostname, Path certFile, Path keyFile) throws IOException {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(256);
      KeyPair pair = gen.generateKeyPair();
      X500Name name = new X500Name("CN=" + hostname);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(30))),
              name,
              pair.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, hostname),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(
                    GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())
              }));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      PrivateFiles.createDirectories(keyFile.getParent());
      PrivateFiles.replace(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
      PrivateFiles.replace(certFile, pem(cert));
      return new LabCertificate(cert, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot make the lab certificate: " + e.getMessage(), e);
    }
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

  private static byte[] pem(Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(text)) {
      w.writeObject(value);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
