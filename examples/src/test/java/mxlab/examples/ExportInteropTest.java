package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each export of the examples, checked by the classic stack's own tools: named-checkconf -z,
 * postconf, postmap and postfix check, doveconf, and for sendmail m4 with sendmail-cf, makemap,
 * newaliases and an address test (sendmail -bt) that must route the users to local delivery; then
 * run: the exported sendmail delivering a message, the exported Dovecot serving mxlab's Maildir.
 */
class ExportInteropTest {
  /** A spec that uses every section (the cli module's round-trip and golden tests use it). */
  static final String RICH = "../cli/src/test/resources/bridge/rich.yaml";

  @TempDir static Path data;

  private static Path export(String target, String spec, Path out) throws Exception {
    return export(target, spec, out, data);
  }

  private static Path export(String target, String spec, Path out, Path dataDir) throws Exception {
    return MxlabProcess.export(target, Path.of(spec), out, dataDir);
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

  /**
   * build.sh's steps before it starts the instance: `postfix -c DIR check` accepts it and lays out
   * its queue under DIR, not in the system's /var/spool/postfix.
   */
  @Test
  void postfixIsAnInstanceOfItsOwn(@TempDir Path out) throws Exception {
    Tools.require("postfix");
    export("postfix", "bann.com.yaml", out);
    Tools.Result conf =
        Tools.run(
                List.of(
                    "postconf", "-c", out.toString(), "-h", "queue_directory", "data_directory"))
            .ok();
    assertThat(conf.out().lines().toList())
        .containsExactly(out.resolve("queue").toString(), out.resolve("data").toString());
    String build = Files.readString(out.resolve("build.sh"));
    assertThat(build).contains("postfix -c " + out + " start").doesNotContain("postfix reload");
    // build.sh up to "start", which would listen on the tutorial's port 25
    String steps = build.substring(0, build.indexOf("if postfix -c"));
    Path prefix = out.resolve("build-until-start.sh");
    Files.writeString(prefix, steps);
    Tools.run(List.of("sh", prefix.toString())).ok();
    assertThat(out.resolve("queue").resolve("maildrop")).isDirectory();
    assertThat(out.resolve("queue").resolve("private")).isDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bann.com.yaml", "classroom.yaml", RICH})
  void dovecotAcceptsItsConfig(String spec, @TempDir Path out) throws Exception {
    Tools.require("doveconf");
    export("dovecot", spec, out);
    Tools.Result r =
        Tools.run(List.of("doveconf", "-c", out.resolve("dovecot.conf").toString(), "-n")).ok();
    assertThat(r.err()).as("doveconf warnings").doesNotContain("Warning");
    assertThat(r.out()).contains("protocols = pop3 imap\n").contains("passwd-file");
    assertThat(r.out()).contains("special_use = \\Trash").contains("separator = .");
    assertThat(r.out()).contains("base_dir = " + out.resolve("run"));
  }

  /**
   * A migration to the exported Dovecot, as its build.sh does it: on the Maildir mxlab wrote,
   * Dovecot's POP3 gives the UIDLs mxlab's gave (clients download nothing twice), as the uid the
   * export names, from an instance with its own base_dir that serves POP3 and nothing else.
   */
  @Test
  void dovecotGivesTheUidlsMxlabGaveForTheSameMaildir(@TempDir Path dir) throws Exception {
    DovecotMigration.requireDovecot("pop3", "dovecot-pop3d");
    String address = "127.0.50.3";
    int port = Tools.freePort(address);
    DovecotMigration m = new DovecotMigration(dir, address, "pop3", port);
    List<String> mxlabUidls;
    try (MxlabProcess mxlab = m.mxlab(3)) {
      mxlabUidls = uidls(address, mxlab.port("pop3"));
    }
    assertThat(mxlabUidls).hasSize(3);
    Path conf = m.startDovecot();
    try {
      assertThat(uidls(address, port)).as("Dovecot's UIDLs").isEqualTo(mxlabUidls);
      assertThat(conf.resolveSibling("run").resolve("auth-postfix")).exists();
      assertThat(protocols(conf)).isEqualTo("protocols = pop3");
    } finally {
      DovecotMigration.stopDovecot(conf);
    }
  }

  /**
   * The same migration for IMAP: build.sh takes the size fields out of the file names and out of
   * each folder's dovecot-uidlist alike, so Dovecot's IMAP gives every message the UID mxlab gave
   * it, in INBOX and in Trash (where one was moved), with the same UIDVALIDITY, UIDNEXT, flags and
   * sizes (keywords too, from the dovecot-keywords mxlab wrote): clients resync nothing.
   */
  @Test
  void dovecotGivesTheImapUidsMxlabGaveForTheSameMaildir(@TempDir Path dir) throws Exception {
    DovecotMigration.requireDovecot("imap", "dovecot-imapd");
    String address = "127.0.92.3";
    int port = Tools.freePort(address);
    DovecotMigration m = new DovecotMigration(dir, address, "imap", port);
    List<String> mxlabView;
    try (MxlabProcess mxlab = m.mxlab(4)) {
      mxlabView = imapView(address, mxlab.port("imap"), true);
    }
    assertThat(mxlabView)
        .as("mxlab's view")
        .contains("INBOX 1 \\Flagged \\Seen", "INBOX 2 $Forwarded", "INBOX 4", "Trash 1")
        .noneMatch(line -> line.startsWith("INBOX 3"));
    Path conf = m.startDovecot();
    try {
      assertThat(imapView(address, port, false)).as("Dovecot's view").isEqualTo(mxlabView);
      assertThat(protocols(conf)).isEqualTo("protocols = imap");
    } finally {
      DovecotMigration.stopDovecot(conf);
    }
  }

  private static String protocols(Path conf) throws Exception {
    return Tools.run(List.of("doveconf", "-c", conf.toString(), "protocols")).ok().out().strip();
  }

  /**
   * What an IMAP client keeps of test@bann.com's INBOX and Trash, from Python's imaplib: "INBOX
   * V<uidvalidity> N<uidnext>", then "INBOX <uid> <flags>" a message (without \Recent, which
   * belongs to a session) and "INBOX <uid> RFC822.SIZE <octets>". With SETUP, first flags messages
   * 1 and 2 and moves message 3 to Trash (COPY, \Deleted, EXPUNGE).
   */
  private static List<String> imapView(String address, int port, boolean setup) throws Exception {
    String client =
        """
        import imaplib, re, sys
        m = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]), timeout=20)
        m.login('test@bann.com', 'changeme')
        def ok(r):
            assert r[0] == 'OK', r
            return r[1]
        if sys.argv[3] == 'setup':
            ok(m.select('INBOX'))
            ok(m.uid('STORE', '1', '+FLAGS', '(\\Seen \\Flagged)'))
            ok(m.uid('STORE', '2', '+FLAGS', '($Forwarded)'))
            ok(m.uid('COPY', '3', 'Trash'))
            ok(m.uid('STORE', '3', '+FLAGS', '(\\Deleted)'))
            ok(m.expunge())
            ok(m.close())
        for box in ('INBOX', 'Trash'):
            status = ok(m.status(box, '(UIDVALIDITY UIDNEXT)'))[0].decode()
            v = re.search(r'UIDVALIDITY (\\d+)', status).group(1)
            n = re.search(r'UIDNEXT (\\d+)', status).group(1)
            print(box, 'V' + v, 'N' + n)
            ok(m.select(box, readonly=True))
            for item in ok(m.uid('FETCH', '1:*', '(FLAGS RFC822.SIZE)')):
                if item is None:
                    continue
                line = item.decode()
                uid = re.search(r'UID (\\d+)', line).group(1)
                flags = re.search(r'FLAGS \\(([^)]*)\\)', line).group(1).split()
                print(' '.join([box, uid] + sorted(f for f in flags if f != '\\Recent')))
                size = re.search(r'RFC822.SIZE (\\d+)', line).group(1)
                print(box, uid, 'RFC822.SIZE', size)
            ok(m.close())
        m.logout()
        """;
    return Tools.run(
            List.of(
                "python3", "-c", client, address, String.valueOf(port), setup ? "setup" : "read"))
        .ok()
        .out()
        .lines()
        .toList();
  }

  /** The UIDL listing of test@bann.com's mailbox, from Python's poplib. */
  private static List<String> uidls(String address, int port) throws Exception {
    String client =
        """
        import poplib, sys
        p = poplib.POP3(sys.argv[1], int(sys.argv[2]), timeout=20)
        p.user('test@bann.com'); p.pass_('changeme')
        for line in p.uidl()[1]: print(line.decode().split()[1])
        p.quit()
        """;
    return Tools.run(List.of("python3", "-c", client, address, String.valueOf(port)))
        .ok()
        .out()
        .lines()
        .toList();
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
   * The exported sendmail as a daemon, run as build.sh would leave it: test@bann.com's message
   * arrives in the Maildir mxlab keeps (written by the exported local mailer, as uid 5000), and a
   * To: REJECT key refuses its recipient (FEATURE(blocklist_recipients)).
   */
  @Test
  void sendmailDaemonDeliversIntoTheMaildirAndRefusesToRejectKeys(@TempDir Path dir)
      throws Exception {
    Tools.require("python3", "setpriv");
    String address = "127.0.50.2";
    int port = Tools.freePort(address);
    Path spec = dir.resolve("bann.com.yaml");
    Files.writeString(
        spec,
        MxlabProcess.tutorialSpec(address, "smtp: " + port + ", submission: off, submissions: off")
            + "  \"To:sorin@bann.com\": REJECT\n");
    // the local mailer runs as uid 5000: it must reach the script and the Maildirs
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path mailData = Files.createDirectories(dir.resolve("data"));
    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> sendmail = buildSendmail(spec.toString(), "mail.bann.com", out, mailData);
    // build.sh's steps for the local mailer
    Tools.run(List.of("chmod", "755", out.resolve("maildir-deliver").toString())).ok();
    Path mail = Files.createDirectories(mailData.resolve("mail"));
    Tools.run(List.of("chown", "-R", "5000:5000", mail.toString())).ok();
    List<String> command = new ArrayList<>(sendmail);
    command.addAll(List.of("-O", "PidFile=" + out.resolve("sendmail.pid"), "-bD"));
    Process daemon =
        new ProcessBuilder(sandboxed("mail.bann.com", out, command))
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("daemon.log").toFile())
            .start();
    try {
      Tools.awaitListening(address, port);
      String client =
          """
          import smtplib, sys
          s = smtplib.SMTP(sys.argv[1], int(sys.argv[2]), timeout=20)
          s.ehlo('client.example')
          s.mail('master@bann.com')
          print(s.rcpt('sorin@bann.com'))
          print(s.rcpt('test@bann.com'))
          print(s.data(b'Subject: through sendmail\\r\\n\\r\\nbody\\r\\n.dot line\\r\\n'))
          s.quit()
          """;
      Tools.Result r =
          Tools.run(List.of("python3", "-c", client, address, String.valueOf(port))).ok();
      List<String> replies = r.out().lines().toList();
      assertThat(replies.get(0)).as("To:sorin@bann.com REJECT").startsWith("(550");
      assertThat(replies.get(1)).startsWith("(250");
      assertThat(replies.get(2)).startsWith("(250");
      List<String> delivered = List.of();
      for (int i = 0; i < 100 && delivered.isEmpty(); i++) {
        Thread.sleep(200);
        delivered = MailFiles.mailbox(mailData, "bann.com", "test");
      }
      assertThat(delivered)
          .as(
              "test@bann.com's Maildir; daemon log: %s",
              Files.readString(out.resolve("daemon.log")))
          .singleElement(InstanceOfAssertFactories.STRING)
          .contains("Subject: through sendmail")
          .contains("\n.dot line\n");
      assertThat(MailFiles.mailbox(mailData, "bann.com", "sorin")).isEmpty();
    } finally {
      daemon.destroy();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Builds the sendmail export as its build.sh does (m4, makemap, newaliases) and answers "3,0
   * ADDRESS" in sendmail's address test mode for each address: the mailer triple it resolves to.
   */
  private static List<String> sendmailAddressTest(String spec, String host, String... addresses)
      throws Exception {
    Path dir = Files.createTempDirectory(data, "sendmail-");
    List<String> sendmail = buildSendmail(spec, host, dir, data);
    StringBuilder input = new StringBuilder();
    for (String a : addresses) {
      input.append("3,0 ").append(a).append('\n');
    }
    List<String> command = new ArrayList<>(sendmail);
    command.add("-bt");
    Tools.Result bt = Tools.run(sandboxed(host, dir, command), input.toString(), 30).ok();
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
   * The sendmail export of SPEC in OUT, built as its build.sh does (m4, makemap, newaliases); the
   * sendmail command that uses it, with this machine's own queue and name lookups (files only): the
   * tests have no network and no /var/spool/mqueue of their own.
   */
  private static List<String> buildSendmail(String spec, String host, Path out, Path dataDir)
      throws Exception {
    Path root = sendmailRoot();
    Tools.require("m4", "unshare");
    export("sendmail", spec, out, dataDir);
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
    Files.createDirectories(out.resolve("mqueue"));
    Files.writeString(out.resolve("service.switch"), "hosts files\naliases files\n");
    // the accounts build.sh would create, in a passwd of the sandbox's own
    StringBuilder passwd = new StringBuilder(Files.readString(Path.of("/etc/passwd")));
    for (String line : Files.readAllLines(out.resolve("passwd"))) {
      if (!line.startsWith("#")) {
        passwd.append(line, 0, line.indexOf(':')).append(":x:5000:5000::/nonexistent:/bin/false\n");
      }
    }
    Files.writeString(out.resolve("sandbox.passwd"), passwd);
    Files.writeString(out.resolve("sandbox.hosts"), "127.0.0.1 localhost " + host + "\n");
    List<String> sendmail =
        List.of(
            bin + "sendmail",
            "-C",
            cf.toString(),
            "-O",
            "QueueDirectory=" + out.resolve("mqueue"),
            "-O",
            "ServiceSwitchFile=" + out.resolve("service.switch"),
            // a checkout under /tmp: trust the sticky bit of the world-writable /tmp above it
            "-O",
            "DontBlameSendmail=TrustStickyBit");
    List<String> newaliases = new ArrayList<>(sendmail);
    newaliases.add("-bi");
    Tools.run(sandboxed(host, out, newaliases), null, 30).ok();
    return sendmail;
  }

  /**
   * Sendmail in namespaces of its own: a UTS namespace named after the spec's host (sendmail sleeps
   * a minute when the machine's host name is unqualified and unknown, "My unqualified host name
   * unknown; sleeping for retry", as on most CI machines), and a mount namespace where /etc/passwd
   * has the accounts build.sh would create and /etc/hosts knows the host.
   */
  private static List<String> sandboxed(String host, Path out, List<String> sendmail) {
    String setup =
        "hostname "
            + host
            + " && mount --bind '"
            + out.resolve("sandbox.passwd")
            + "' /etc/passwd && mount --bind '"
            + out.resolve("sandbox.hosts")
            + "' /etc/hosts && exec \"$@\"";
    List<String> command =
        new ArrayList<>(List.of("unshare", "--uts", "--mount", "sh", "-c", setup, "sh"));
    command.addAll(sendmail);
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
