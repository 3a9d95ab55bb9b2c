package mxlab.bridge.export;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import mxlab.core.address.AddressRange;
import mxlab.core.spec.Spec;
import mxlab.dns.zone.CompiledZone;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneAdditions;
import mxlab.dns.zone.ZoneCompiler;
import mxlab.dns.zone.ZoneWriter;

/**
 * BIND for a spec: named.conf zone stanzas and the master files, with the same serials and the same
 * extra records (the DKIM keys) as mxlab serves.
 */
final class BindExport {
  private BindExport() {}

  static Export export(Spec spec, Path dir, String header, ZoneAdditions additions)
      throws java.io.IOException {
    Export out = new Export(header);
    SerialStore serials =
        SerialStore.open(
            spec.server().dataDir().resolve("dns").resolve("serials.properties"),
            LocalDate.now(ZoneOffset.UTC));
    List<CompiledZone> zones = ZoneCompiler.compile(spec, serials, additions);
    String transfer =
        spec.dns().axfrAllow().isEmpty()
            ? "none;"
            : String.join(
                " ",
                spec.dns().axfrAllow().stream()
                    .map(AddressRange::toString)
                    .map(r -> r + ";")
                    .toList());
    StringBuilder conf = new StringBuilder();
    conf.append("options {\n  directory \"").append(dir).append("\";\n");
    conf.append("  recursion no;         // authoritative only, as mxlab\n");
    conf.append("  allow-transfer { ").append(transfer).append(" };\n};\n\n");
    for (CompiledZone z : zones) {
      String name = z.origin().toString(true);
      conf.append("zone \"")
          .append(name)
          .append("\" {\n  type primary;\n  file \"")
          .append(dir.resolve(ZoneWriter.fileName(z)))
          .append("\";\n};\n");
      out.rawFile(
          ZoneWriter.fileName(z), ZoneWriter.write(z, spec.file())); // starts with its own comment
    }
    out.file("named.conf", "//", conf.toString());
    return out;
  }
}
