package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mxlab's queue delivers to a real Postfix, and turns its 550 into a bounce. */
class PostfixRemoteTest {
  @TempDir Path dir;

  @Test
  void deliversToPostfixAndBouncesWhatPostfixRefuses() throws Exception {
    Tools.require("swaks");
    try (PostfixInstance postfix = PostfixInstance.start("pf.lab", List.of("carol"))) {
      Path spec = dir.resolve("sender.yaml");
      Files.writeString(
          spec,
          """
          version: 1
          server:
            hostname: mail.sender.lab
            relayhost: "[127.0.0.1]:%d"
          domains:
            - name: sender.lab
              hosts: { mail: 127.0.0.1 }
              users: [ { name: alice } ]
          access:
            "Connect:127.0.0.1": RELAY
          """
              .formatted(postfix.port));
      Path data = dir.resolve("data");
      try (MxlabProcess mx =
          MxlabProcess.up(
              spec, "--ports", MxlabProcess.ports("smtp=0"), "--data-dir", data.toString())) {
        String server = "127.0.0.1:" + mx.port("smtp");
        Tools.run(
                List.of(
                    "swaks",
                    "--server",
                    server,
                    "--from",
                    "alice@sender.lab",
                    "--to",
                    "carol@pf.lab",
                    "--header",
                    "Subject: to postfix",
                    "--body",
                    ".leading dot\nsecond"))
            .ok();
        Tools.run(
                List.of(
                    "swaks",
                    "--server",
                    server,
                    "--from",
                    "alice@sender.lab",
                    "--to",
                    "nobody@pf.lab",
                    "--header",
                    "Subject: refused"))
            .ok();
        TwoSchoolsInteropTest.eventually(() -> !postfix.mailbox("carol").isEmpty());
        String delivered = postfix.mailbox("carol").get(0);
        assertThat(delivered).contains("Subject: to postfix").contains("\n.leading dot\n");
        assertThat(delivered).contains("by mail.sender.lab (mxlab)");
        TwoSchoolsInteropTest.eventually(
            () -> !MailFiles.mailbox(data, "sender.lab", "alice").isEmpty());
        assertThat(MailFiles.mailbox(data, "sender.lab", "alice").get(0))
            .contains("Final-Recipient: rfc822; nobody@pf.lab")
            .contains("Action: failed")
            .contains("Status: 5.1.1")
            .contains("Remote-MTA: dns; 127.0.0.1");
      }
    }
  }
}
