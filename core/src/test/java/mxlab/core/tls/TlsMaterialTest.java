package mxlab.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import mxlab.core.spec.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
  @TempDir Path data;

  @Test
  void selfSignedIsMadeOnceAndKept() throws Exception {
    TlsMaterial first = TlsMaterial.load(TlsSettings.selfSigned(), data, "mail.bann.com");
    assertThat(first.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=mail.bann.com");
    assertThat(Files.getPosixFilePermissions(data.resolve("tls/key.pem")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    TlsMaterial again = TlsMaterial.load(TlsSettings.selfSigned(), data, "mail.bann.com");
    assertThat(again.certificate()).isEqualTo(first.certificate()); // clients keep trusting it
  }

  @Test
  void selfSignedNamesEveryNameAndIsRemadeOnlyWhenOneIsMissing() throws Exception {
    List<String> names = List.of("mail.bann.com", "autoconfig.bann.com", "127.0.26.1");
    TlsMaterial first = TlsMaterial.load(TlsSettings.selfSigned(), data, names);
    assertThat(first.certificate().getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "mail.bann.com"),
            List.of(2, "autoconfig.bann.com"),
            List.of(7, "127.0.26.1"));
    TlsMaterial same = TlsMaterial.load(TlsSettings.selfSigned(), data, names.subList(0, 2));
    assertThat(same.certificate()).isEqualTo(first.certificate());
    TlsMaterial wider =
        TlsMaterial.load(
            TlsSettings.selfSigned(), data, List.of("mail.bann.com", "mail.other.org"));
    assertThat(wider.certificate()).isNotEqualTo(first.certificate());
    assertThat(wider.certificate().getSubjectAlternativeNames())
        .contains(List.of(2, "mail.other.org"));
  }

  @Test
  void specFilesAreUsedAndBadOnesExplained() throws Exception {
    TlsMaterial.load(TlsSettings.selfSigned(), data, "mx.example.org");
    TlsSettings fromSpec =
        new TlsSettings(data.resolve("tls/cert.pem"), data.resolve("tls/key.pem"));
    assertThat(TlsMaterial.load(fromSpec, data.resolve("elsewhere"), "ignored").context())
        .isNotNull();
    Path junk = data.resolve("junk.pem");
    Files.writeString(junk, "not pem");
    assertThatThrownBy(
            () -> TlsMaterial.load(new TlsSettings(junk, data.resolve("tls/key.pem")), data, "x"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("junk.pem");
  }
}
