package mxlab.cli.command;

import static mxlab.core.spec.SpecFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import mxlab.cli.Instances;
import mxlab.core.spec.read.SpecLoader;
import mxlab.server.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpSummaryTest {
  @TempDir Path dir;

  @Test
  void upPrintsTheLabPageAndTheAutoconfigAddress() throws Exception {
    Path spec = dir.resolve("lab.yaml");
    Files.writeString(
        spec,
        minimal("")
            + "server:\n  data_dir: data\n  ports: { dns: 0, smtp: off, submission: off,"
            + " submissions: off, pop3: off, pop3s: off, imap: 0, imaps: 0, http: 0, https: 0,"
            + " ssh: off }\n");
    try (Instance instance = Instances.start(SpecLoader.load(spec).spec())) {
      StringWriter out = new StringWriter();
      UpCommand.printSummary(new PrintWriter(out), instance);
      int https = instance.boundAddress("https").getPort();
      int http = instance.boundAddress("http").getPort();
      assertThat(out.toString())
          .contains("https        tcp   127.0.0.1:" + https)
          .contains(
              "Lab page: https://127.0.0.1:"
                  + https
                  + "/ (Thunderbird autoconfig: https://autoconfig.bann.com:"
                  + https
                  + "/)")
          .contains("Lab page: http://127.0.0.1:" + http + "/")
          .contains("the admin as admin with the token in " + dir.resolve("data/web/admin-token"));
    }
  }
}
