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
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ZoneCompilerTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  private static List<String> lines(CompiledZone zone) {
    return zone.all().stream().map(Record::toString).map(s -> s.replaceAll("\\s+", " ")).toList();
  }

  @Test
  void compilesTheTutorialZone() throws Exception {
    Spec spec = spec(minimal("    reverse: true\n"));
    List<CompiledZone> zones = ZoneCompiler.compile(spec, SerialStore.open(null, DAY));
    assertThat(zones).hasSize(2);
    assertThat(lines(zones.get(0)))
        .containsExactly(
            "bann.com. 3600 IN SOA mail.bann.com. postmaster.bann.com. 2026112800 3600 600"
                + " 1209600 300",
            "bann.com. 3600 IN NS mail.bann.com.",
            "bann.com. 3600 IN MX 10 mail.bann.com.",
            "mail.bann.com. 3600 IN A 192.168.0.100",
            "bann.com. 3600 IN TXT \"v=spf1 mx -all\"",
            "_dmarc.bann.com. 3600 IN TXT \"v=DMARC1; p=none\"",
            "_submission._tcp.bann.com. 3600 IN SRV 0 1 587 mail.bann.com.",
            "_submissions._tcp.bann.com. 3600 IN SRV 0 1 465 mail.bann.com.",
            "_imap._tcp.bann.com. 3600 IN SRV 0 1 143 mail.bann.com.",
            "_imaps._tcp.bann.com. 3600 IN SRV 0 1 993 mail.bann.com.",
            "_pop3._tcp.bann.com. 3600 IN SRV 0 1 110 mail.bann.com.",
            "_pop3s._tcp.bann.com. 3600 IN SRV 0 1 995 mail.bann.com.",
            "autoconfig.bann.com. 3600 IN A 127.0.0.1",
            "autodiscover.bann.com. 3600 IN A 127.0.0.1",
            "_autodiscover._tcp.bann.com. 3600 IN SRV 0 1 443 autodiscover.bann.com.");
    assertThat(lines(zones.get(1)))
        .contains(
            "0.168.192.in-addr.arpa. 3600 IN NS mail.bann.com.",
            "100.0.168.192.in-addr.arpa. 3600 IN PTR mail.bann.com.");
  }

  @Test
  void serialChangesOnlyWhenContentDoes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("serials.properties");
    Spec spec = spec(minimal(""));
    SerialStore first = SerialStore.open(file, DAY);
    long s1 = ZoneCompiler.compile(spec, first).get(0).soa().getSerial();
    first.save();
    long again =
        ZoneCompiler.compile(spec, SerialStore.open(file, DAY.plusDays(3)))
            .get(0)
            .soa()
            .getSerial();
    assertThat(again).isEqualTo(s1).isEqualTo(2026112800L);

    Spec changed = spec(minimal("    spf: \"v=spf1 a mx -all\"\n"));
    SerialStore store = SerialStore.open(file, DAY);
    long s2 = ZoneCompiler.compile(changed, store).get(0).soa().getSerial();
    assertThat(s2).isEqualTo(2026112801L);
    store.save();
    long nextDay =
        ZoneCompiler.compile(spec, SerialStore.open(file, DAY.plusDays(1)))
            .get(0)
            .soa()
            .getSerial();
    assertThat(nextDay).isEqualTo(2026112900L);
  }

  @Test
  void extraRecordsLongTextAndDisabledServices() {
    String longText = "x".repeat(300);
    Spec spec =
        spec(
            minimal(
                    "    records:\n"
                        + "      - { name: www, type: CNAME, value: mail }\n"
                        + "      - { name: _xmpp._tcp, type: SRV, value: \"5 0 5222 mail\" }\n"
                        + "      - { name: big, type: TXT, value: \""
                        + longText
                        + "\" }\n"
                        + "      - { name: \"@\", type: CAA, value: '0 issue \"letsencrypt.org\"' }\n")
                + "server: { ports: { pop3: off, pop3s: 0 } }\n");
    CompiledZone zone = ZoneCompiler.compile(spec, SerialStore.inMemory()).get(0);
    assertThat(lines(zone))
        .contains(
            "www.bann.com. 3600 IN CNAME mail.bann.com.",
            "_xmpp._tcp.bann.com. 3600 IN SRV 5 0 5222 mail.bann.com.",
            "bann.com. 3600 IN CAA 0 issue \"letsencrypt.org\"",
            "_pop3._tcp.bann.com. 3600 IN SRV 0 0 0 .");
    assertThat(lines(zone)).noneMatch(l -> l.startsWith("_pop3s."));
    TXTRecord big =
        (TXTRecord)
            zone.records().stream()
                .filter(r -> r.getType() == Type.TXT && r.getName().toString().startsWith("big"))
                .findFirst()
                .orElseThrow();
    assertThat(big.getStrings()).hasSize(2);
    assertThat(String.join("", big.getStrings())).isEqualTo(longText);
    assertThat(
            zone.records().stream()
                .filter(r -> r instanceof SRVRecord s && s.getPort() == 587)
                .count())
        .isEqualTo(1);
  }

  @Test
  void writesAMasterFile() {
    CompiledZone zone = ZoneCompiler.compile(spec(minimal("")), SerialStore.inMemory()).get(0);
    String text = ZoneWriter.write(zone, "lab.yaml");
    assertThat(text)
        .startsWith("; zone bann.com. generated by mxlab from lab.yaml")
        .contains("$ORIGIN bann.com.\n$TTL 3600\n")
        .contains("IN\tMX\t10 mail.bann.com.");
    assertThat(ZoneWriter.fileName(zone)).isEqualTo("db.bann.com");
  }
}
