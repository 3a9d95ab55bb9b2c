package mxlab.cli;

import static mxlab.core.spec.SpecFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import mxlab.core.spec.read.SpecLoader;
import mxlab.net.Dialogue;
import mxlab.server.Instance;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail, queue, keys and serials are mxlab's user's alone: 0600 files, 0700 directories. */
class DataDirPermissionsTest {
  private static final Set<PosixFilePermission> GROUP_OR_OTHER =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  @TempDir Path dir;

  @Test
  void nothingUnderDataDirIsReadableByGroupOrOthers() throws Exception {
    KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
    keys.initialize(256);
    Path spec = dir.resolve("lab.yaml");
    Files.writeString(
        spec,
        minimal("      - { name: fwd, forward: [far@remote.example], keep_copy: true }\n")
            + "server:\n"
            + "  data_dir: data\n"
            + "  relayhost: \"[127.0.0.1]:1\"\n"
            + "  ports: { dns: 0, smtp: 0, submission: off, submissions: off, pop3: off,"
            + " pop3s: 0, imap: 0, imaps: 0, http: 0, https: 0, ssh: 0 }\n"
            + "admins: [ { name: teacher, key: \""
            + PublicKeyEntry.toString(keys.generateKeyPair().getPublic())
            + "\" } ]\n");
    Path data = dir.resolve("data");
    try (Instance instance = Instances.start(SpecLoader.load(spec).spec());
        Dialogue d = Dialogue.connect(instance.boundAddress("smtp"))) {
      d.script(
          """
          S: 220 *
          C: HELO c
          S: 250 *
          C: MAIL FROM:<a@remote.example>
          S: 250 *
          C: RCPT TO:<fwd@bann.com>
          S: 250 *
          C: DATA
          S: 354 *
          C: Subject: kept and queued
          C:
          C: body
          C: .
          S: 250 *
          """);
      assertThat(data.resolve("mail/bann.com/fwd/new")).isNotEmptyDirectory();
      assertThat(data.resolve("queue")).isNotEmptyDirectory();

      List<String> open;
      try (Stream<Path> all = Files.walk(data)) {
        open =
            all.filter(p -> !Files.isSymbolicLink(p))
                .filter(p -> permissions(p).stream().anyMatch(GROUP_OR_OTHER::contains))
                .map(p -> data.relativize(p) + " " + PosixFilePermissions.toString(permissions(p)))
                .toList();
      }
      assertThat(open).isEmpty();
      assertThat(data.resolve("ssh/host_key")).exists();
      assertThat(data.resolve("tls")).isNotEmptyDirectory();
      assertThat(data.resolve("dns/serials.properties")).exists();
    }
  }

  private static Set<PosixFilePermission> permissions(Path p) {
    try {
      return Files.getPosixFilePermissions(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
