package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The BIND export carries the DKIM key records `mxlab up` serves: the keys are made in the data
 * directory by the export when no run has made them, named-checkzone loads the zone (an RSA key
 * record is longer than one TXT string: 255 octets, then the rest), and the running DNS server,
 * started afterwards on the same data directory, answers the very same strings.
 */
class BindExportDkimInteropTest {
  @TempDir Path dir;

  @Test
  void exportedKeyRecordsAreTheOnesUpServes() throws Exception {
    Tools.require("named-checkzone", "dig");
    String tutorial = Files.readString(Path.of("bann.com.yaml"));
    String mx = "    mx:\n";
    assertThat(tutorial).contains(mx);
    Path spec = dir.resolve("bann.com.yaml");
    Files.writeString(
        spec, tutorial.replace(mx, "    dkim: { selector: lab, algorithm: both }\n" + mx));
    Path data = dir.resolve("data");
    Path out = MxlabProcess.export("bind", spec, dir.resolve("out"), data);

    Path zone = out.resolve("db.bann.com");
    Tools.Result check = Tools.run(List.of("named-checkzone", "bann.com", zone.toString())).ok();
    assertThat(check.out()).contains("loaded serial").contains("OK");
    Map<String, List<String>> exported = keyRecords(zone);
    assertThat(exported)
        .containsOnlyKeys("lab-ed25519._domainkey.bann.com.", "lab-rsa._domainkey.bann.com.");
    List<String> rsa = exported.get("lab-rsa._domainkey.bann.com.");
    assertThat(rsa).hasSize(2);
    assertThat(rsa.get(0)).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
    assertThat(rsa.get(0).getBytes(StandardCharsets.US_ASCII)).hasSize(255);
    assertThat(exported.get("lab-ed25519._domainkey.bann.com."))
        .singleElement()
        .asString()
        .startsWith("v=DKIM1; k=ed25519; p=");

    try (MxlabProcess up =
        MxlabProcess.up(
            spec, "--ports", MxlabProcess.ports("dns=0"), "--data-dir", data.toString())) {
      SimpleResolver dns = new SimpleResolver(new InetSocketAddress("127.0.0.1", up.port("dns")));
      for (Map.Entry<String, List<String>> e : exported.entrySet()) {
        Message answer =
            dns.send(
                Message.newQuery(
                    Record.newRecord(Name.fromString(e.getKey()), Type.TXT, DClass.IN)));
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        List<List<String>> served = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER)) {
          served.add(((TXTRecord) r).getStrings());
        }
        assertThat(served).as(e.getKey()).containsExactly(e.getValue());
      }
      // and dig sees the two strings of the RSA record, as a resolver would
      String dig =
          Tools.run(
                  List.of(
                      "dig",
                      "@127.0.0.1",
                      "-p",
                      String.valueOf(up.port("dns")),
                      "+short",
                      "lab-rsa._domainkey.bann.com",
                      "TXT"))
              .ok()
              .out()
              .trim();
      assertThat(dig).isEqualTo("\"" + rsa.get(0) + "\" \"" + rsa.get(1) + "\"");
    }
  }

  /** The {@code _domainkey} TXT records of a master file, by owner, their strings. */
  private static Map<String, List<String>> keyRecords(Path zone) throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    try (Master master = new Master(zone.toString(), Name.fromString("bann.com."))) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        if (r instanceof TXTRecord t && r.getName().toString().contains("._domainkey.")) {
          out.put(r.getName().toString(), t.getStrings());
        }
      }
    }
    return out;
  }
}
