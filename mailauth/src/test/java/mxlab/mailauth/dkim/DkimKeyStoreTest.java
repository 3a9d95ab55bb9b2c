package mxlab.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import mxlab.core.spec.Domain;
import mxlab.core.spec.SpecFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation: a retired selector's key stays published and stops signing; none is made for it.
 */
class DkimKeyStoreTest {
  @TempDir Path data;

  static Domain domain(String dkim) {
    return SpecFixtures.spec(
            """
            version: 1
            domains:
              - name: north.lab
                hosts: { mail: 192.0.2.10 }
                dkim: %s
            """
                .formatted(dkim))
        .domains()
        .get(0);
  }

  @Test
  void aRetiredSelectorStaysPublishedButNoLongerSigns() throws Exception {
    DkimKeyStore store = DkimKeyStore.at(data);
    String oldRecord = store.published(domain("{ selector: s1 }"), true).get(0).text();

    Domain rotated = domain("{ selector: s2, retired: [s1, never] }");
    assertThat(store.published(rotated, true))
        .extracting(DkimKeyStore.Published::owner, DkimKeyStore.Published::text)
        .containsExactly(
            tuple("s2._domainkey", store.signingKeys(rotated, false).get(0).record()),
            tuple("s1._domainkey", oldRecord));
    assertThat(store.signingKeys(rotated, false))
        .extracting(DkimKey::selector)
        .containsExactly("s2");
    assertThat(Files.list(data.resolve("dkim/north.lab")).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("s1.rsa.key", "s2.rsa.key");
  }

  @Test
  void retiringASelectorOfAlgorithmBothKeepsBothItsKeysPublished() throws Exception {
    DkimKeyStore store = DkimKeyStore.at(data);
    store.published(domain("{ selector: s1, algorithm: both }"), true);

    Domain rotated = domain("{ selector: s2, retired: [s1] }");
    assertThat(store.published(rotated, true))
        .extracting(DkimKeyStore.Published::owner)
        .containsExactly("s2._domainkey", "s1-rsa._domainkey", "s1-ed25519._domainkey");
  }
}
