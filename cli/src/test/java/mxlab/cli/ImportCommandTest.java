package mxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mxlab import`'s checks of its arguments; the import itself is tested in the bridge module. */
class ImportCommandTest {
  private static final String TUTORIAL = "../bridge/src/test/resources/sendmail/tutorial";

  @Test
  void aDirectoryThatIsNotSendmailsIsRefused(@TempDir Path dir) {
    CliRun run = CliRun.of("import", "--from", "sendmail", dir.toString());
    assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err()).contains("has no local-host-names: give sendmail's directory");
    assertThat(run.out()).isEmpty();

    CliRun postfix = CliRun.of("import", "--from", "postfix", TUTORIAL);
    assertThat(postfix.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(postfix.err()).contains("postfix").contains("sendmail");
  }

  @Test
  void whatIsNotImportedIsReportedOnStderr() {
    CliRun run = CliRun.of("import", "--from", "sendmail", TUTORIAL);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("# imported by mxlab from the sendmail files in ");
    assertThat(run.err()).contains("not imported: master@bann.com: no password");
  }
}
