package mxlab.core.spec.read;

import java.nio.file.Path;
import java.util.List;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.Admin;
import mxlab.core.spec.DnsSettings;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problems;
import mxlab.core.spec.Server;
import mxlab.core.spec.Spec;
import mxlab.core.spec.VirtualEntry;

/**
 * Binds a located YAML tree to the {@link Spec} records, one section reader after the other, each
 * reporting every mistake it meets. Domains come first: the server's defaults depend on them.
 */
final class SpecReader {
  private final String file;
  private final Path baseDir;
  private final String stem;
  private final Problems problems;
  private final CrossReferences refs = new CrossReferences();

  SpecReader(String file, Path baseDir, String stem, Problems problems) {
    this.file = file;
    this.baseDir = baseDir;
    this.stem = stem;
    this.problems = problems;
  }

  /** What the readers noted for the checks of the whole spec. */
  CrossReferences references() {
    return refs;
  }

  Spec read(Node root) {
    Addresses addresses = new Addresses(problems);
    Fields top = Fields.of(root, new Location(file, 1, 1), "the spec", problems);
    readVersion(top);
    List<Domain> domains = new DomainReader(problems, refs, addresses).read(top);
    Server server = new ServerReader(baseDir, stem, problems, refs, addresses).read(top, domains);
    List<VirtualEntry> virtual = new VirtualReader(problems, refs).read(top);
    AccessReader accessReader = new AccessReader(problems);
    List<AccessEntry> access = accessReader.readAccess(top);
    List<String> relayDomains = accessReader.readRelayDomains(top);
    List<Admin> admins = new AdminsReader(problems).read(top);
    DnsSettings dns = new DnsReader(problems).read(top);
    top.finish();
    return new Spec(file, 1, server, domains, virtual, access, relayDomains, admins, dns);
  }

  private void readVersion(Fields top) {
    String version = top.string("version", null);
    if (version == null) {
      problems.error(
          top.location(), "the spec has no version", "write 'version: 1' as its first line");
    } else if (!version.trim().equals("1")) {
      problems.error(
          top.at("version"),
          "version " + version + " is not supported by this mxlab",
          "write 'version: 1'");
    }
  }
}
