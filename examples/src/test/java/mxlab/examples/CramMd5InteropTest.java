package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swaks with CRAM-MD5, which needs a {PLAIN} secret. */
class CramMd5InteropTest {
  @TempDir Path data;

  @Test
  void cramMd5() throws Exception {
    Tools.require("swaks");
    Path spec = Path.of("src/test/resources/cram.yaml");
    try (MxlabProcess mxlab =
        MxlabProcess.up(
            spec, "--ports", MxlabProcess.ports("submission=0"), "--data-dir", data.toString())) {
      Tools.Result r =
          Tools.run(
                  List.of(
                      "swaks",
                      "--server",
                      "127.0.0.1:" + mxlab.port("submission"),
                      "-a",
                      "CRAM-MD5",
                      "-au",
                      "alice",
                      "-ap",
                      "wonderland",
                      "--to",
                      "alice@cram.lab",
                      "--from",
                      "alice@cram.lab"))
              .ok();
      assertThat(r.out()).contains("AUTH CRAM-MD5").contains("235 2.7.0");
    }
    assertThat(MailFiles.mailbox(data, "cram.lab", "alice")).hasSize(1);
  }
}
