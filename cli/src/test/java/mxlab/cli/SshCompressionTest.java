package mxlab.cli;

import static mxlab.core.spec.SpecFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import mxlab.core.spec.read.SpecLoader;
import mxlab.server.Instance;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.kex.KexProposalOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compression before authentication lets anyone make the server inflate data: none is offered. */
class SshCompressionTest {
  @TempDir Path dir;

  private Instance start(KeyPair admin) throws Exception {
    Path spec = dir.resolve("lab.yaml");
    Files.writeString(
        spec,
        minimal("")
            + "server: { data_dir: data, ports: { dns: 0, smtp: off, submission: off,"
            + " submissions: off, pop3: off, pop3s: off, imap: off, imaps: off, http: off, https: off, ssh: 0 } }\n"
            + "admins: [ { name: teacher, key: \""
            + PublicKeyEntry.toString(admin.getPublic())
            + "\" } ]\n");
    return Instances.start(SpecLoader.load(spec).spec());
  }

  private static SshClient client(BuiltinCompressions compression) {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((session, address, key) -> true);
    client.setCompressionFactories(List.of(compression));
    client.start();
    return client;
  }

  @Test
  void aClientThatWantsZlibIsRefusedAndNoneIsAgreed() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair admin = g.generateKeyPair();
    try (Instance instance = start(admin)) {
      int port = instance.boundAddress("ssh").getPort();
      SshClient zlib = client(BuiltinCompressions.zlib);
      try {
        assertThatThrownBy(
                () -> {
                  try (ClientSession s =
                      zlib.connect("teacher", "127.0.0.1", port)
                          .verify(Duration.ofSeconds(5))
                          .getSession()) {
                    s.addPublicKeyIdentity(admin);
                    s.auth().verify(Duration.ofSeconds(5));
                  }
                })
            .hasStackTraceContaining("compression");
      } finally {
        zlib.stop();
      }

      SshClient plain = client(BuiltinCompressions.none);
      try (ClientSession s =
          plain.connect("teacher", "127.0.0.1", port).verify(Duration.ofSeconds(5)).getSession()) {
        s.addPublicKeyIdentity(admin);
        s.auth().verify(Duration.ofSeconds(5));
        assertThat(s.getServerKexProposals().get(KexProposalOption.C2SCOMP)).isEqualTo("none");
        assertThat(s.getServerKexProposals().get(KexProposalOption.S2CCOMP)).isEqualTo("none");
      } finally {
        plain.stop();
      }
    }
  }
}
