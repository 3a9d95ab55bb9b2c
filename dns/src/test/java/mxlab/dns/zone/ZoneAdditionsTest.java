package mxlab.dns.zone;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import mxlab.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Records from outside the spec (the DKIM keys) join each domain's zone and its serial. */
class ZoneAdditionsTest {
  @Test
  void aLongKeyRecordIsSplitInto255OctetStringsUnderItsOwner(@TempDir Path dir) throws Exception {
    String key = "v=DKIM1; k=rsa; p=" + "A".repeat(392); // the size of an RSA-2048 record
    Spec spec = spec(minimal(""));
    ZoneAdditions dkim =
        domain -> List.of(new ZoneAdditions.Txt("mxlab._domainkey", key + " " + domain.name()));
    CompiledZone zone = ZoneCompiler.compile(spec, SerialStore.inMemory(), dkim).get(0);
    TXTRecord txt =
        (TXTRecord)
            zone.records().stream()
                .filter(r -> r.getType() == Type.TXT)
                .filter(r -> r.getName().toString().equals("mxlab._domainkey.bann.com."))
                .findFirst()
                .orElseThrow();
    assertThat(txt.getStrings()).hasSize(2);
    assertThat(txt.getStrings().get(0)).hasSize(255);
    assertThat(String.join("", txt.getStrings())).isEqualTo(key + " bann.com");

    // a new key is a change of the zone: secondaries must see a new serial
    Path file = dir.resolve("serials.properties");
    LocalDate day = LocalDate.of(2026, 12, 3);
    SerialStore before = SerialStore.open(file, day);
    long without = ZoneCompiler.compile(spec, before).get(0).soa().getSerial();
    before.save();
    SerialStore after = SerialStore.open(file, day);
    assertThat(ZoneCompiler.compile(spec, after, dkim).get(0).soa().getSerial())
        .isGreaterThan(without);
  }
}
