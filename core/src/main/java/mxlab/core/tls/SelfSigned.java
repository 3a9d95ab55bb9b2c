package mxlab.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import mxlab.core.address.IpLiterals;
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
 * A self-signed EC P-256 certificate and its key, naming host names and IP literals as subject
 * alternative names (the first is also the CN), valid from a day ago.
 */
public record SelfSigned(X509Certificate certificate, PrivateKey key) {
  public static SelfSigned create(List<String> names, Duration validity) throws IOException {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(256);
      KeyPair pair = gen.generateKeyPair();
      X500Name subject = new X500Name("CN=" + names.get(0));
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(validity)),
              subject,
              pair.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              names.stream()
                  .distinct()
                  .map(
                      n ->
                          IpLiterals.parse(n).isPresent()
                              ? new GeneralName(GeneralName.iPAddress, n)
                              : new GeneralName(GeneralName.dNSName, n))
                  .toArray(GeneralName[]::new)));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new SelfSigned(cert, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
    }
  }

  /** Writes both as PEM (the key as PKCS#8); everything under data_dir is 0600. */
  public void write(Path certFile, Path keyFile) throws IOException {
    PrivateFiles.createDirectories(keyFile.getParent());
    writePem(keyFile, new JcaPKCS8Generator(key, null));
    writePem(certFile, certificate);
  }

  private static void writePem(Path file, Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(value);
    }
    PrivateFiles.replace(file, text.toString().getBytes(StandardCharsets.US_ASCII));
  }
}
