package mxlab.junit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import mxlab.core.spec.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A lab from a project's spec file: its domains as written, the lab's ports and directory. */
class FromSpecTest {
  @RegisterExtension
  static MxlabExtension lab = MxlabExtension.fromSpec("src/test/resources/school.yaml");

  @Test
  void theSpecsDomainsRunOnFreePortsInATemporaryDirectory() throws Exception {
    assertThat(lab.smtp().port()).isNotEqualTo(25).isPositive();
    assertThat(lab.imap().port()).isNotEqualTo(143).isPositive();
    assertThat(lab.spec().server().ports().enabled(Service.SSH)).isFalse();
    assertThat(lab.dataDir().toString()).doesNotContain("nonexistent");
    assertThat(Files.isDirectory(lab.dataDir())).isTrue();
    assertThat(lab.dns().mx("south.lab")).containsExactly("mx1.south.lab");

    SmtpClient.send(lab.smtp(), "bob@south.lab", "teachers@north.lab", "from the south", "hi\n");
    assertThat(lab.mailbox("alice@north.lab").awaitMessage(ofSeconds(10)).subject())
        .isEqualTo("from the south");
  }

  @Test
  void aLabThatIsNotRunningSaysHowToRegisterIt() {
    MxlabExtension idle = MxlabExtension.builder().domain("bann.com").build();
    assertThatThrownBy(idle::smtp)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }
}
