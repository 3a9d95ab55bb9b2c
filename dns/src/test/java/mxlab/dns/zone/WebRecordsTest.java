package mxlab.dns.zone;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

class WebRecordsTest {
  private static List<String> lines(String yaml) {
    return ZoneCompiler.compile(spec(yaml), SerialStore.inMemory()).get(0).all().stream()
        .map(Record::toString)
        .map(s -> s.replaceAll("\\s+", " "))
        .filter(s -> s.contains("auto"))
        .toList();
  }

  @Test
  void aWildcardListenerMakesThemAliasesOfTheMailHost() {
    assertThat(lines("server: { listen: 0.0.0.0, ports: { https: 8443 } }\n" + minimal("")))
        .containsExactly(
            "autoconfig.bann.com. 3600 IN CNAME mail.bann.com.",
            "autodiscover.bann.com. 3600 IN CNAME mail.bann.com.",
            "_autodiscover._tcp.bann.com. 3600 IN SRV 0 1 8443 autodiscover.bann.com.");
  }

  @Test
  void aListenAddressIsWhereTheyPoint() {
    assertThat(lines("server: { listen: 127.0.26.9, ports: { https: off } }\n" + minimal("")))
        .containsExactly(
            "autoconfig.bann.com. 3600 IN A 127.0.26.9",
            "autodiscover.bann.com. 3600 IN A 127.0.26.9");
  }

  @Test
  void anMtaStsPolicyAddsItsHostItsIdAndTheReportAddress() {
    List<String> all =
        ZoneCompiler.compile(
                spec(
                    "server: { listen: 127.0.26.9 }\n"
                        + minimal("    mta_sts: testing\n    tls_rpt: mailto:tlsrpt@bann.com\n")),
                SerialStore.inMemory())
            .get(0)
            .all()
            .stream()
            .map(r -> r.toString().replaceAll("\\s+", " "))
            .toList();
    assertThat(all)
        .contains("mta-sts.bann.com. 3600 IN A 127.0.26.9")
        .contains("_smtp._tls.bann.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@bann.com\"")
        .anyMatch(
            r -> r.matches("_mta-sts\\.bann\\.com\\. 3600 IN TXT \"v=STSv1; id=[0-9a-f]{20}\""));
  }

  @Test
  void withHttpsOffNoPolicyIsServedSoNoneIsAnnounced() {
    // a sender that finds _mta-sts but cannot fetch the policy counts every delivery as failed
    List<String> all =
        ZoneCompiler.compile(
                spec(
                    "server: { listen: 127.0.26.9, ports: { https: off } }\n"
                        + minimal(
                                "    mta_sts: enforce\n    tls_rpt: mailto:tlsrpt@bann.com\n"
                                    + "    hosts: { mail: 192.168.0.100, mta-sts: 127.0.26.9 }\n")
                            .replace("    hosts: { mail: 192.168.0.100 }\n", "")),
                SerialStore.inMemory())
            .get(0)
            .all()
            .stream()
            .map(r -> r.toString().replaceAll("\\s+", " "))
            .toList();
    assertThat(all)
        .noneMatch(r -> r.startsWith("_mta-sts."))
        .contains("mta-sts.bann.com. 3600 IN A 127.0.26.9") // the spec's own host stays
        .contains("_smtp._tls.bann.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@bann.com\"");
  }

  @Test
  void noneWithoutTheWebAndNoneTheSpecDefines() {
    assertThat(lines("server: { ports: { http: off, https: off } }\n" + minimal(""))).isEmpty();
    assertThat(
            lines(
                "server: { ports: { https: 0 } }\n"
                    + minimal(
                        "    records:\n      - { name: autoconfig, type: A, value: 10.0.0.1 }\n")))
        .containsExactlyInAnyOrder(
            "autoconfig.bann.com. 3600 IN A 10.0.0.1",
            "autodiscover.bann.com. 3600 IN A 127.0.0.1");
  }
}
