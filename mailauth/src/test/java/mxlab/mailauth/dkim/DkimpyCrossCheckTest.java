package mxlab.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mxlab.core.spec.Domain;
import mxlab.core.spec.SpecFixtures;
import mxlab.mailauth.MailMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-checks with Debian's dkimpy (python3-dkim, python3-nacl): dkimpy verifies what mxlab signs
 * (keys from mxlab's key store, the key records handed to dkimpy's dnsfunc), and mxlab verifies
 * what dkimpy signs with the RFC 8463 keys, in each canonicalization. Needs {@code
 * /usr/bin/python3} with dkim; skipped without it unless MXLAB_REQUIRE_INTEROP is set, as the
 * interop tests are.
 */
class DkimpyCrossCheckTest {
  static final String MESSAGE =
      "From: Joe SixPack <joe@football.example.com>\r\n"
          + "To: Suzie Q <suzie@shopping.example.net>\r\n"
          + "Subject:   Is dinner\r\n\tready?\r\n"
          + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
          + "\r\n"
          + "Hi.  \r\n\r\nWe lost the game.\tAre you hungry yet?\r\n\r\nJoe.\r\n\r\n\r\n";

  static String python;

  @TempDir Path dir;

  @BeforeAll
  static void needDkimpy() throws Exception {
    python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    boolean present;
    try {
      present = run(List.of(python, "-c", "import dkim, nacl, dns.resolver"), "").exit == 0;
    } catch (IOException e) {
      present = false;
    }
    if (System.getenv("MXLAB_REQUIRE_INTEROP") == null) {
      Assumptions.assumeTrue(present, "python3-dkim is not installed");
    }
    assertThat(present).as("python3 with dkim, nacl and dnspython (.ci/run)").isTrue();
  }

  @ParameterizedTest
  @CsvSource({"rsa-2048", "ed25519", "both"})
  void dkimpyVerifiesWhatMxlabSigns(String algorithm) throws Exception {
    Domain domain =
        SpecFixtures.spec(
                SpecFixtures.minimal(
                    "  - name: football.example.com\n"
                        + "    hosts: { mail: 127.0.24.1 }\n"
                        + "    dkim: { selector: mx, algorithm: "
                        + algorithm
                        + " }\n"))
            .domain("football.example.com")
            .orElseThrow();
    DkimKeyStore store = DkimKeyStore.at(dir);
    MailMessage unsigned = MailMessage.parse(MESSAGE.getBytes(StandardCharsets.UTF_8));
    StringBuilder signed = new StringBuilder();
    for (DkimKey key : store.signingKeys(domain, true)) {
      signed.append(DkimSigner.sign(unsigned, domain.name(), key, Instant.now().getEpochSecond()));
      signed.append("\r\n");
    }
    StringBuilder records = new StringBuilder("{");
    for (DkimKeyStore.Published p : store.published(domain, false)) {
      records.append(records.length() > 1 ? "," : "");
      records.append('"').append(p.owner()).append(".football.example.com\": \"");
      records.append(p.text()).append('"');
    }
    Path json = Files.writeString(dir.resolve("records.json"), records.append('}'));
    int keys = domain.dkim().signingKeys().size();
    String good = signed + MESSAGE;
    assertThat(dkimpy("verify", json.toString(), good)).isEqualTo("True\n".repeat(keys));
    String forged = good.replace("We lost", "We won");
    assertThat(dkimpy("verify", json.toString(), forged)).isEqualTo("False\n".repeat(keys));
  }

  @ParameterizedTest
  @CsvSource({
    "ed25519-sha256, brisbane, relaxed/relaxed",
    "ed25519-sha256, brisbane, relaxed/simple",
    "ed25519-sha256, brisbane, simple/simple",
    "rsa-sha256, test, relaxed/relaxed",
    "rsa-sha256, test, simple/relaxed",
    "rsa-sha256, test, simple/simple"
  })
  void mxlabVerifiesWhatDkimpySigns(String algorithm, String selector, String canon)
      throws Exception {
    Path key = dir.resolve("key");
    if (algorithm.startsWith("ed25519")) {
      Files.writeString(key, Rfc8463VectorsTest.ED25519_SEED);
    } else {
      Files.writeString(
          key,
          "-----BEGIN RSA PRIVATE KEY-----\n"
              + Rfc8463VectorsTest.RSA_PKCS1.replaceAll("(.{64})", "$1\n")
              + "\n-----END RSA PRIVATE KEY-----\n");
    }
    String signature =
        dkimpy(
            "sign " + selector + " football.example.com " + algorithm + " " + key + " " + canon,
            null,
            MESSAGE);
    assertThat(signature).startsWith("DKIM-Signature: ").contains("a=" + algorithm);
    DkimVerifier verifier = new DkimVerifier(Rfc8463VectorsTest.dns());
    MailMessage good = MailMessage.parse((signature + MESSAGE).getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(good, Instant.now()))
        .singleElement()
        .satisfies(r -> assertThat(r.verdict()).as(r.reason()).isEqualTo(DkimResult.Verdict.PASS));
    MailMessage forged =
        MailMessage.parse(
            (signature + MESSAGE.replace("We lost", "We won")).getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(forged, Instant.now()))
        .singleElement()
        .satisfies(r -> assertThat(r.verdict()).isEqualTo(DkimResult.Verdict.FAIL));
  }

  /** Runs dkimpy.py MODE ARGS... with {@code input} on stdin; its stdout. */
  private String dkimpy(String mode, String arg, String input) throws Exception {
    Path script = dir.resolve("dkimpy.py");
    try (InputStream in = getClass().getResourceAsStream("/dkimpy.py")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> command = new ArrayList<>(List.of(python, script.toString()));
    command.addAll(List.of(mode.split(" ")));
    if (arg != null) {
      command.add(arg);
    }
    Result r = run(command, input);
    assertThat(r.exit).as(r.err).isZero();
    return r.out;
  }

  record Result(int exit, String out, String err) {}

  static Result run(List<String> command, String input) throws Exception {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err);
  }
}
