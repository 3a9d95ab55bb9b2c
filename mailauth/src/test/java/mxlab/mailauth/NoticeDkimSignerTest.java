package mxlab.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import mxlab.mailauth.dkim.DkimKeyStore;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.dkim.DkimVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which domain signs the mail mxlab writes itself, and that what it adds verifies. */
class NoticeDkimSignerTest {
  @TempDir Path data;

  private Spec spec() {
    return SpecFixtures.spec(
        """
        version: 1
        server: { hostname: mail.bann.com, data_dir: %s }
        domains:
          - name: bann.com
            hosts: { mail: 127.0.24.1 }
          - name: quiet.lab
            hosts: { mail: 127.0.24.1 }
            dkim: false
        """
            .formatted(data));
  }

  private static List<String> notice(String from) {
    return List.of(
        "From: Mail Delivery Subsystem <" + from + ">",
        "To: <test@bann.com>",
        "Subject: Undelivered Mail Returned to Sender",
        "",
        "Zustellung fehlgeschlagen.",
        ".leading dot");
  }

  @Test
  void theFromDomainOrItsNearestHostedParentSignsIfItSigns() {
    Spec spec = spec();
    assertThat(NoticeDkimSigner.signingDomain(spec, "mail.bann.com"))
        .map(Domain::name)
        .hasValue("bann.com");
    assertThat(NoticeDkimSigner.signingDomain(spec, "bann.com"))
        .map(Domain::name)
        .hasValue("bann.com");
    assertThat(NoticeDkimSigner.signingDomain(spec, "a.b.bann.com")).isPresent();
    assertThat(NoticeDkimSigner.signingDomain(spec, "mx.quiet.lab")).isEmpty(); // dkim: false
    assertThat(NoticeDkimSigner.signingDomain(spec, "elsewhere.example")).isEmpty();
    assertThat(NoticeDkimSigner.signingDomain(spec, null)).isEmpty();
  }

  @Test
  void theAddedFieldsVerifyOverTheMessageAsSpooledAndNothingIsAddedWithoutAKey() throws Exception {
    Spec spec = spec();
    NoticeDkimSigner signer = new NoticeDkimSigner(() -> spec);
    assertThat(signer.fieldsFor(notice("MAILER-DAEMON@mail.bann.com"))).isEmpty(); // not made yet
    DkimKeyStore.at(data).prepare(spec.domains());

    List<String> fields = signer.fieldsFor(notice("MAILER-DAEMON@mail.bann.com"));
    assertThat(fields.get(0))
        .startsWith("DKIM-Signature: v=1; a=rsa-sha256;")
        .contains("d=bann.com");
    assertThat(fields.subList(1, fields.size())).allMatch(l -> l.startsWith("\t"));
    StringBuilder message = new StringBuilder();
    for (String line : fields) {
      message.append(line).append("\n");
    }
    for (String line : notice("MAILER-DAEMON@mail.bann.com")) {
      message.append(line).append("\n");
    }
    FakeDns dns = new FakeDns();
    for (DkimKeyStore.Published p :
        DkimKeyStore.at(data).published(spec.domain("bann.com").orElseThrow(), false)) {
      dns.txt(p.owner() + ".bann.com", p.text());
    }
    List<DkimResult> results =
        new DkimVerifier(dns)
            .verify(
                MailMessage.parse(message.toString().getBytes(StandardCharsets.UTF_8)),
                Instant.now());
    assertThat(results)
        .singleElement()
        .satisfies(r -> assertThat(r.verdict()).as(r.reason()).isEqualTo(DkimResult.Verdict.PASS));
    assertThat(signer.fieldsFor(notice("MAILER-DAEMON@mx.quiet.lab"))).isEmpty();
  }
}
