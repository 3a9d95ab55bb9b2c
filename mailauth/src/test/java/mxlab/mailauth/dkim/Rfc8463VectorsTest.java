package mxlab.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import mxlab.core.spec.Dkim;
import mxlab.mailauth.FakeDns;
import mxlab.mailauth.MailMessage;
import org.junit.jupiter.api.Test;

/**
 * RFC 8463 Appendix A: the RFC 6376 example message signed with Ed25519 and RSA, keys and all. The
 * signatures are deterministic (Ed25519; RSA PKCS#1 v1.5), so the RFC's b= values are recomputed,
 * not only verified.
 */
class Rfc8463VectorsTest {
  static final String ED25519_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

  static final String RSA_PKCS1 =
      "MIICXQIBAAKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi"
          + "Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqM"
          + "KrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB"
          + "AoGAH0cxOhFZDgzXWhDhnAJDw5s4roOXN4OhjiXa8W7Y3rhX3FJqmJSPuC8N9vQm"
          + "6SVbaLAE4SG5mLMueHlh4KXffEpuLEiNp9Ss3O4YfLiQpbRqE7Tm5SxKjvvQoZZe"
          + "zHorimOaChRL2it47iuWxzxSiRMv4c+j70GiWdxXnxe4UoECQQDzJB/0U58W7RZy"
          + "6enGVj2kWF732CoWFZWzi1FicudrBFoy63QwcowpoCazKtvZGMNlPWnC7x/6o8Gc"
          + "uSe0ga2xAkEA8C7PipPm1/1fTRQvj1o/dDmZp243044ZNyxjg+/OPN0oWCbXIGxy"
          + "WvmZbXriOWoSALJTjExEgraHEgnXssuk7QJBALl5ICsYMu6hMxO73gnfNayNgPxd"
          + "WFV6Z7ULnKyV7HSVYF0hgYOHjeYe9gaMtiJYoo0zGN+L3AAtNP9huqkWlzECQE1a"
          + "licIeVlo1e+qJ6Mgqr0Q7Aa7falZ448ccbSFYEPD6oFxiOl9Y9se9iYHZKKfIcst"
          + "o7DUw1/hz2Ck4N5JrgUCQQCyKveNvjzkkd8HjYs0SwM0fPjK16//5qDZ2UiDGnOe"
          + "uEzxBDAr518Z8VFbR41in3W4Y3yCDgQlLlcETrS+zYcL";

  static final String ED25519_RECORD =
      "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
  static final String RSA_RECORD =
      "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
          + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
          + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
          + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

  static final String ED25519_SIGNATURE =
      String.join(
          "\r\n",
          "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
          " d=football.example.com; i=@football.example.com;",
          " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
          " subject : date : message-id : from : subject : date;",
          " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
          " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
          " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==");
  static final String RSA_SIGNATURE =
      String.join(
          "\r\n",
          "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
          " d=football.example.com; i=@football.example.com;",
          " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
          " date : message-id : from : subject : date;",
          " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
          " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
          " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
          " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=");
  static final String HEADERS =
      String.join(
          "\r\n",
          "From: Joe SixPack <joe@football.example.com>",
          "To: Suzie Q <suzie@shopping.example.net>",
          "Subject: Is dinner ready?",
          "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
          "Message-ID: <20030712040037.46341.5F8J@football.example.com>");
  static final String BODY = "Hi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n";
  static final Instant SIGNED_AT = Instant.ofEpochSecond(1528637909);

  static FakeDns dns() {
    return new FakeDns()
        .txt("brisbane._domainkey.football.example.com", ED25519_RECORD)
        .txt("test._domainkey.football.example.com", RSA_RECORD);
  }

  static MailMessage message(String... signatures) {
    String top = signatures.length == 0 ? "" : String.join("\r\n", signatures) + "\r\n";
    return MailMessage.parse((top + HEADERS + "\r\n\r\n" + BODY).getBytes(StandardCharsets.UTF_8));
  }

  static PrivateKey rsaKey() throws Exception {
    // PKCS#1 in a PKCS#8 wrapper: SEQUENCE { 0, rsaEncryption, OCTET STRING { key } }
    byte[] pkcs1 = Base64.getDecoder().decode(RSA_PKCS1);
    byte[] algorithm = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");
    byte[] octets =
        concat(
            new byte[] {0x04, (byte) 0x82, (byte) (pkcs1.length >> 8), (byte) pkcs1.length}, pkcs1);
    byte[] inner = concat(algorithm, octets);
    byte[] der =
        concat(
            new byte[] {0x30, (byte) 0x82, (byte) (inner.length >> 8), (byte) inner.length}, inner);
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void bothSignaturesOfTheRfcVerify() {
    List<DkimResult> results =
        new DkimVerifier(dns()).verify(message(ED25519_SIGNATURE, RSA_SIGNATURE), SIGNED_AT);
    assertThat(results)
        .extracting(DkimResult::verdict, DkimResult::selector, DkimResult::algorithm)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DkimResult.Verdict.PASS, "brisbane", "ed25519-sha256"),
            org.assertj.core.groups.Tuple.tuple(DkimResult.Verdict.PASS, "test", "rsa-sha256"));
  }

  @Test
  void theRfcsBodyHashAndSignaturesAreRecomputed() throws Exception {
    MailMessage m = message(ED25519_SIGNATURE, RSA_SIGNATURE);
    assertThat(
            Base64.getEncoder()
                .encodeToString(SignedData.bodyHash(m, Canonicalization.RELAXED, -1)))
        .isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
    List<String> h =
        List.of("from", "to", "subject", "date", "message-id", "from", "subject", "date");
    byte[] edData = SignedData.headerData(m, h, Canonicalization.RELAXED, ED25519_SIGNATURE);
    PrivateKey ed = DkimKey.ed25519PrivateKey(Base64.getDecoder().decode(ED25519_SEED));
    assertThat(
            Base64.getEncoder().encodeToString(SignedData.sign(Dkim.KeyType.ED25519, ed, edData)))
        .isEqualTo(
            "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==");
    byte[] rsaData = SignedData.headerData(m, h, Canonicalization.RELAXED, RSA_SIGNATURE);
    assertThat(
            Base64.getEncoder()
                .encodeToString(SignedData.sign(Dkim.KeyType.RSA, rsaKey(), rsaData)))
        .isEqualTo(
            "F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3"
                + "DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz"
                + "dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=");
  }

  @Test
  void theRfcsEd25519PublicKeyIsTheSeedsAndOurSignaturesVerifyAgainstIt() throws Exception {
    PrivateKey ed = DkimKey.ed25519PrivateKey(Base64.getDecoder().decode(ED25519_SEED));
    DkimKey key =
        new DkimKey(
            "brisbane",
            Dkim.KeyType.ED25519,
            ed,
            DkimKey.publicKey(
                Dkim.KeyType.ED25519, "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="));
    assertThat(key.record()).isEqualTo(ED25519_RECORD);
    String ours = DkimSigner.sign(message(), "football.example.com", key, 1528637909);
    assertThat(ours)
        .contains("a=ed25519-sha256; c=relaxed/relaxed; d=football.example.com; s=brisbane;");
    assertThat(ours).contains("h=from:from:to:to:subject:subject:date:date:message-id;");
    assertThat(new DkimVerifier(dns()).verify(message(ours), SIGNED_AT))
        .extracting(DkimResult::verdict)
        .containsExactly(DkimResult.Verdict.PASS);
  }

  @Test
  void aChangedBodyOrHeaderOrAnAddedFromFails() {
    String tamperedBody =
        (ED25519_SIGNATURE + "\r\n" + HEADERS + "\r\n\r\n" + BODY.replace("lost", "won"));
    assertThat(verify(tamperedBody).reason()).isEqualTo("body hash did not verify");
    String tamperedSubject =
        ED25519_SIGNATURE + "\r\n" + HEADERS.replace("dinner", "lunch") + "\r\n\r\n" + BODY;
    assertThat(verify(tamperedSubject).reason()).isEqualTo("signature did not verify");
    // From is oversigned (h= lists it twice): a second From anywhere breaks the signature
    String addedFrom =
        ED25519_SIGNATURE + "\r\n" + HEADERS + "\r\nFrom: mallory@evil.example\r\n\r\n" + BODY;
    assertThat(verify(addedFrom).verdict()).isEqualTo(DkimResult.Verdict.FAIL);
    // relaxed canonicalization: refolding and trailing blank lines do not matter
    String refolded =
        ED25519_SIGNATURE
            + "\r\n"
            + HEADERS.replace("Subject: Is dinner", "Subject:  Is\r\n\tdinner")
            + "\r\n\r\n"
            + BODY
            + "\r\n\r\n";
    assertThat(verify(refolded).verdict()).isEqualTo(DkimResult.Verdict.PASS);
  }

  @Test
  void keyProblemsAreErrorsNotFailures() {
    FakeDns none = new FakeDns();
    assertThat(
            new DkimVerifier(none).verify(message(ED25519_SIGNATURE), SIGNED_AT).get(0).verdict())
        .isEqualTo(DkimResult.Verdict.PERMERROR);
    FakeDns down = new FakeDns().failing("brisbane._domainkey.football.example.com");
    assertThat(
            new DkimVerifier(down).verify(message(ED25519_SIGNATURE), SIGNED_AT).get(0).verdict())
        .isEqualTo(DkimResult.Verdict.TEMPERROR);
    FakeDns revoked =
        new FakeDns().txt("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=");
    assertThat(
            new DkimVerifier(revoked)
                .verify(message(ED25519_SIGNATURE), SIGNED_AT)
                .get(0)
                .verdict())
        .isEqualTo(DkimResult.Verdict.PERMERROR);
    String sha1 = RSA_SIGNATURE.replace("a=rsa-sha256", "a=rsa-sha1");
    assertThat(new DkimVerifier(dns()).verify(message(sha1), SIGNED_AT).get(0).reason())
        .contains("rsa-sha1");
  }

  private static DkimResult verify(String message) {
    return new DkimVerifier(dns())
        .verify(MailMessage.parse(message.getBytes(StandardCharsets.UTF_8)), SIGNED_AT)
        .get(0);
  }
}
