package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSH's ssh against the console of `mxlab up`, and a user added to the YAML that gets mail
 * after a reload, without a restart.
 */
class SshInteropTest {
  @TempDir Path dir;

  @Test
  void opensshConsoleAndReloadWithoutRestart() throws Exception {
    Tools.require("ssh", "ssh-keygen", "swaks");
    Path key = dir.resolve("teacher");
    Tools.run(
            List.of(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "teacher@lab",
                "-f",
                key.toString()))
        .ok();
    Path spec = dir.resolve("lab.yaml");
    // A copy of the bundled example with this test's admin in place of any the reader added.
    String base = withoutTopLevelKey(Files.readString(Path.of("bann.com.yaml")), "admins");
    Files.writeString(
        spec,
        base
            + "\nadmins: [ { name: teacher, key: \""
            + Files.readString(key.resolveSibling("teacher.pub")).trim()
            + "\" } ]\n");
    try (MxlabProcess mx =
        MxlabProcess.up(
            spec,
            "--data-dir",
            dir.resolve("data").toString(),
            "--ports",
            MxlabProcess.ports("dns=0", "smtp=0", "ssh=0"))) {
      Tools.Result status = ssh(key, mx, "status").ok();
      assertThat(status.out())
          .contains("mxlab is up")
          .contains("SSH-2.0-mxlab")
          .contains("EHLO ok");
      assertThat(ssh(key, mx, "users bann.com").ok().out())
          .contains("admin@bann.com")
          .contains("alias");
      Tools.Result refused = ssh(key, mx, "cat /etc/passwd");
      assertThat(refused.exit()).isNotZero();

      String smtp = "127.0.0.1:" + mx.port("smtp");
      Tools.Result before =
          Tools.run(List.of("swaks", "--server", smtp, "--to", "newbie@bann.com"));
      assertThat(before.out()).contains("550 5.1.1");
      String withNewbie =
          Files.readString(spec)
              .replace(
                  "    aliases:",
                  "      - { name: newbie, password: \"{PLAIN}pw\" }\n    aliases:");
      assertThat(withNewbie).as("bann.com.yaml lists users before aliases").contains("newbie");
      Files.writeString(spec, withNewbie);
      assertThat(ssh(key, mx, "reload").ok().out())
          .contains("added newbie@bann.com")
          .contains("reloaded");
      Tools.run(
              List.of(
                  "swaks",
                  "--server",
                  smtp,
                  "--to",
                  "newbie@bann.com",
                  "--header",
                  "Subject: welcome"))
          .ok();
      assertThat(MailFiles.mailbox(dir.resolve("data"), "bann.com", "newbie"))
          .anySatisfy(m -> assertThat(m).contains("Subject: welcome"));
      assertThat(ssh(key, mx, "mailbox newbie@bann.com").ok().out())
          .contains("1 messages")
          .contains("welcome");
    }
  }

  /** The YAML without one top-level key and its block (up to the next top-level line). */
  private static String withoutTopLevelKey(String yaml, String key) {
    StringBuilder kept = new StringBuilder();
    boolean skipping = false;
    for (String line : yaml.split("\n", -1)) {
      boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
      if (topLevel && !line.startsWith("#")) {
        skipping = line.startsWith(key + ":");
      }
      if (!skipping) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  private static Tools.Result ssh(Path key, MxlabProcess mx, String command) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ssh",
                "-p",
                String.valueOf(mx.port("ssh")),
                "-i",
                key.toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=" + key.resolveSibling("known_hosts"),
                "teacher@127.0.0.1"));
    args.add(command);
    return Tools.run(args);
  }
}
