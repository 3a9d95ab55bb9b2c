package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each export of the examples, checked by the classic stack's own tools: named-checkconf -z,
 * postconf and postmap, doveconf, and for sendmail m4 with sendmail-cf, makemap, newaliases and an
 * address test (sendmail -bt) that must route the users to local delivery.
 */
class ExportInteropTest {
  /** A spec that uses every section (the cli module's round-trip and golden tests use it). */
  static final String RICH = "../cli/src/test/resources/bridge/rich.yaml";

  @TempDir static Path data;

  private static Path export(String target, String spec, Path out) throws Exception {
    Tools.run(
            List.of(
                "java",
                "-jar",
                MxlabProcess.JAR.toString(),
                "export",
                "--to",
                target,
                "--out",
                out.toString(),
                "--install-dir",
                out.toString(),
                "--data-dir",
                data.toString(),
                spec))
        .ok();
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bann.com.yaml", "classroom.yaml", RICH})
  void bindLoadsTheZones(String spec, @TempDir Path out) throws Exception {
    Tools.require("named-checkconf");
    export("bind", spec, out);
    Tools.Result r =
        Tools.run(List.of("named-checkconf", "-z", out.resolve("named.conf").toString()));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("loaded serial").doesNotContain("not loaded");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bann.com.yaml", "classroom.yaml", RICH})
  void postfixAcceptsMainCfAndTheMaps(String spec, @TempDir Path out) throws Exception {
    Tools.require("postconf", "postmap");
    export("postfix", spec, out);
    Tools.Result conf = Tools.run(List.of("postconf", "-c", out.toString(), "-n")).ok();
    assertThat(conf.err()).as("postconf warnings").doesNotContain("warning");
    assertThat(conf.out()).contains("myhostname = m").contains("virtual_mailbox_domains = ");
    List<String> maps;
    try (Stream<Path> files = Files.list(out)) {
      maps =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> !n.contains(".") && !n.equals("build"))
              .toList();
    }
    assertThat(maps).contains("vmailbox", "virtual", "client_access", "sender_access");
    for (String map : maps) {
      Tools.Result r =
          Tools.run(List.of("postmap", "-c", out.toString(), "hash:" + out.resolve(map))).ok();
      assertThat(r.err()).as("postmap " + map).doesNotContain("warning");
    }
    String user =
        spec.startsWith("bann")
            ? "test@bann.com"
            : spec.startsWith("classroom") ? "student@student07.school.lab" : "info@other.org";
    Tools.Result q =
        Tools.run(
                List.of(
                    "postmap", "-c", out.toString(), "-q", user, "hash:" + out.resolve("vmailbox")))
            .ok();
    assertThat(q.out().strip()).endsWith("/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bann.com.yaml", "classroom.yaml", RICH})
  void dovecotAcceptsItsConfig(String spec, @TempDir Path out) throws Exception {
    Tools.require("doveconf");
    export("dovecot", spec, out);
    Tools.Result r =
        Tools.run(List.of("doveconf", "-c", out.resolve("dovecot.conf").toString(), "-n")).ok();
    assertThat(r.err()).as("doveconf warnings").doesNotContain("Warning");
    assertThat(r.out()).contains("protocols = imap pop3").contains("passwd-file");
  }

  /** The tutorial's check: "3,0 test@bann.com" resolves to local delivery, unknown names fail. */
  @Test
  void sendmailBuildsTheTutorialsConfigAndRoutesItsUsers() throws Exception {
    List<String> answers =
        sendmailAddressTest(
            "bann.com.yaml",
            "mail.bann.com",
            "test@bann.com",
            "admin@bann.com",
            "nobody@bann.com",
            "someone@example.org");
    assertThat(answers.get(0)).isEqualTo("$# local $: test");
    assertThat(answers.get(1)).isEqualTo("$# local $: admin");
    assertThat(answers.get(2)).startsWith("$# error").contains("User unknown");
    assertThat(answers.get(3)).startsWith("$# esmtp $@ example . org");
  }

  /** Thirty domains share one name, "student": each gets its own local name. */
  @Test
  void sendmailKeepsTheClassroomsSameNamedUsersApart() throws Exception {
    List<String> answers =
        sendmailAddressTest(
            "classroom.yaml",
            "mail.school.lab",
            "teacher@school.lab",
            "student@student07.school.lab",
            "student@student30.school.lab",
            "teacher@student07.school.lab");
    assertThat(answers.get(0)).isEqualTo("$# local $: teacher");
    assertThat(answers.get(1)).isEqualTo("$# local $: student_student07_school_lab");
    assertThat(answers.get(2)).isEqualTo("$# local $: student_student30_school_lab");
    assertThat(answers.get(3)).startsWith("$# error").contains("User unknown");
  }

  /** Two domains with the same name, a catch-all, a %1 domain and an alias for a list. */
  @Test
  void sendmailRoutesEverySectionOfARichSpec() throws Exception {
    List<String> answers =
        sendmailAddressTest(
            RICH,
            "mx.bann.com",
            "info@bann.com",
            "info@other.org",
            "whoever@bann.com",
            "info@fourth.org",
            "bad@fourth.org",
            "nobody@other.org");
    assertThat(answers.get(0)).isEqualTo("$# local $: info_bann_com");
    assertThat(answers.get(1)).isEqualTo("$# local $: info_other_org");
    assertThat(answers.get(2)).as("the catch-all").isEqualTo("$# local $: master");
    assertThat(answers.get(3)).isEqualTo("$# local $: info_fourth_org");
    assertThat(answers.get(4)).isEqualTo("$# error $@ 5 . 1 . 1 $: 550 No such person");
    assertThat(answers.get(5)).startsWith("$# error").contains("User unknown");
  }

  /**
   * Builds the sendmail export as its build.sh does (m4, makemap, newaliases) and answers "3,0
   * ADDRESS" in sendmail's address test mode for each address: the mailer triple it resolves to.
   */
  private static List<String> sendmailAddressTest(String spec, String host, String... addresses)
      throws Exception {
    Path root = sendmailRoot();
    Tools.require("m4", "unshare");
    // sendmail refuses maps in world-writable directories such as /tmp: build under target/
    Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sendmail-");
    export("sendmail", spec, out);
    Path mc = out.resolve("sendmail.mc");
    Files.writeString(
        mc,
        Files.readString(mc)
            .replace("/usr/share/sendmail/cf/", root.resolve("usr/share/sendmail/cf") + "/"));
    Path cf = out.resolve("sendmail.cf");
    Tools.Result m4 = Tools.run(List.of("m4", mc.toString())).ok();
    assertThat(m4.err()).as("m4 warnings").isEmpty();
    Files.writeString(cf, m4.out());
    String bin = root.resolve("usr/libexec/sendmail") + "/";
    for (String map : List.of("access", "virtusertable")) {
      Tools.run(
              List.of(bin + "makemap", "-C", cf.toString(), "hash", out.resolve(map).toString()),
              Files.readString(out.resolve(map)),
              30)
          .ok();
    }
    // This machine's own queue and name lookups (files only), not the exported /var/spool/mqueue
    // and DNS: the tests have no network.
    Files.createDirectories(out.resolve("mqueue"));
    Files.writeString(out.resolve("service.switch"), "hosts files\naliases files\n");
    List<String> sendmail =
        List.of(
            bin + "sendmail",
            "-C",
            cf.toString(),
            "-O",
            "QueueDirectory=" + out.resolve("mqueue"),
            "-O",
            "ServiceSwitchFile=" + out.resolve("service.switch"));
    Tools.run(withHostname(host, sendmail, "-bi"), null, 30).ok();
    StringBuilder input = new StringBuilder();
    for (String a : addresses) {
      input.append("3,0 ").append(a).append('\n');
    }
    Tools.Result bt = Tools.run(withHostname(host, sendmail, "-bt"), input.toString(), 30).ok();
    // one block per address after each "> " prompt; its last "parse returns:" is the answer
    List<String> answers = new ArrayList<>();
    for (String block : bt.out().split("\n> ")) {
      String answer = null;
      for (String line : block.split("\n")) {
        if (line.matches("parse\\s+returns:.*")) {
          answer = line.substring(line.indexOf("returns:") + 8).strip();
        }
      }
      if (answer != null) {
        answers.add(answer);
      }
    }
    assertThat(answers).as(bt.out()).hasSize(addresses.length);
    return answers;
  }

  /**
   * Sendmail sleeps a minute when the machine's host name is unqualified and unknown ("My
   * unqualified host name unknown; sleeping for retry"), as on most CI machines: run it in its own
   * UTS namespace named after the spec's host.
   */
  private static List<String> withHostname(String host, List<String> sendmail, String mode) {
    List<String> command =
        new ArrayList<>(
            List.of("unshare", "--uts", "sh", "-c", "hostname " + host + " && exec \"$@\"", "sh"));
    command.addAll(sendmail);
    command.add(mode);
    return command;
  }

  /** Sendmail's tools unpacked by .ci/sendmail-tools, or an installed sendmail-cf. */
  private static Path sendmailRoot() {
    String env = System.getenv("MXLAB_SENDMAIL_ROOT");
    Path root = env != null ? Path.of(env) : Path.of("/");
    if (Files.isExecutable(root.resolve("usr/libexec/sendmail/sendmail"))
        && Files.exists(root.resolve("usr/share/sendmail/cf/m4/cf.m4"))) {
      return root;
    }
    if ("1".equals(System.getenv("MXLAB_REQUIRE_INTEROP"))) {
      throw new AssertionError(
          "sendmail's tools are required: run .ci/sendmail-tools and set MXLAB_SENDMAIL_ROOT");
    }
    Assumptions.abort("sendmail's tools are not here (.ci/sendmail-tools unpacks them)");
    return root;
  }
}
