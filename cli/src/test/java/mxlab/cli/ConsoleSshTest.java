package mxlab.cli;

import static mxlab.core.spec.SpecFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import mxlab.core.queue.QueueIds;
import mxlab.core.routing.Mailbox;
import mxlab.core.spec.read.SpecLoader;
import mxlab.core.store.SpoolWriter;
import mxlab.server.Instance;
import mxlab.server.control.ControlClient;
import mxlab.server.control.ControlSocket;
import mxlab.store.delivery.MailDrop;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The SSH console through MINA SSHD's own client. */
class ConsoleSshTest {
  @TempDir Path dir;
  private final KeyPair teacher = keyPair();
  private final KeyPair stranger = keyPair();
  private Path spec;
  private Instance instance;
  private SshClient client;
  private final AtomicReference<PublicKey> hostKey = new AtomicReference<>();

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void start() throws Exception {
    spec = dir.resolve("lab.yaml");
    Files.writeString(
        spec,
        minimal("")
            + "server: { data_dir: data, ports: { dns: 0, smtp: 0, submission: off,"
            + " submissions: off, pop3: off, pop3s: off, imap: off, imaps: off, http: off, https: off, ssh: 0 } }\n"
            + "admins: [ { name: teacher, key: \""
            + PublicKeyEntry.toString(teacher.getPublic())
            + "\" } ]\n");
    instance = Instances.start(SpecLoader.load(spec).spec());
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(
        (session, address, key) -> {
          hostKey.set(key);
          return true;
        });
    client.start();
  }

  @AfterEach
  void stop() throws Exception {
    client.stop();
    instance.close();
  }

  private ClientSession login(String user, KeyPair key) throws Exception {
    int port = instance.boundAddress("ssh").getPort();
    ClientSession session =
        client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(5)).getSession();
    session.addPublicKeyIdentity(key);
    session.auth().verify(Duration.ofSeconds(5));
    return session;
  }

  private record Exec(int status, String out, String err) {}

  private Exec exec(ClientSession session, String command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(Duration.ofSeconds(5));
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(15));
      return new Exec(
          channel.getExitStatus(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void onlyTheSpecsAdminKeysGetIn() throws Exception {
    try (ClientSession ok = login("teacher", teacher)) {
      assertThat(ok.isAuthenticated()).isTrue();
    }
    assertThatThrownBy(() -> login("teacher", stranger)).isInstanceOf(Exception.class);
    assertThatThrownBy(() -> login("student", teacher)).isInstanceOf(Exception.class);
    int port = instance.boundAddress("ssh").getPort();
    try (ClientSession s =
        client.connect("teacher", "127.0.0.1", port).verify(Duration.ofSeconds(5)).getSession()) {
      s.addPasswordIdentity("changeme");
      assertThatThrownBy(() -> s.auth().verify(Duration.ofSeconds(5)))
          .isInstanceOf(Exception.class);
    }
  }

  @Test
  void everyCommandOverExec() throws Exception {
    try (ClientSession s = login("teacher", teacher)) {
      Exec status = exec(s, "status");
      assertThat(status.status()).isZero();
      assertThat(status.out())
          .contains("mxlab is up")
          .contains("dns")
          .contains("smtp")
          .contains("ssh");
      Exec json = exec(s, "status --json");
      assertThat(json.out()).contains("\"up\" : true");
      assertThat(exec(s, "domains").out()).contains("bann.com").contains("10 mail.bann.com");
      assertThat(exec(s, "users bann.com").out())
          .contains("test@bann.com")
          .contains("master@bann.com");
      assertThat(exec(s, "mailbox test@bann.com").out()).contains("test@bann.com: 0 messages");
      assertThat(exec(s, "queue list").out()).contains("the queue is empty");
      assertThat(exec(s, "dig bann.com MX").out())
          .contains(";; status: NOERROR")
          .contains("MX\t10 mail.bann.com.");
      assertThat(exec(s, "reload").out()).contains("reloaded");
      assertThat(exec(s, "log tail -n 5").status()).isZero();
      Exec bad = exec(s, "rm -rf /");
      assertThat(bad.status()).isNotZero();
      assertThat(bad.err()).contains("Unmatched argument");
      Exec missing = exec(s, "users nowhere.org");
      assertThat(missing.status()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(missing.err()).contains("no domain nowhere.org");
    }
  }

  @Test
  void anInteractiveShellWithLineEditing() throws Exception {
    try (ClientSession s = login("teacher", teacher);
        ChannelShell shell = s.createShellChannel()) {
      PipedOutputStream keys = new PipedOutputStream();
      shell.setIn(new PipedInputStream(keys));
      ByteArrayOutputStream screen = new ByteArrayOutputStream();
      shell.setOut(screen);
      shell.setErr(screen);
      shell.open().verify(Duration.ofSeconds(5));
      type(keys, "domaXX\u007f\u007fins\r");
      waitFor(screen, "bann.com");
      type(keys, "help\r");
      waitFor(screen, "queue");
      type(keys, "exit\r");
      shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
      String text = screen.toString(StandardCharsets.UTF_8);
      assertThat(text).contains("mxlab> ").contains("\b \b").contains("DOMAIN").contains("\r\n");
    }
  }

  @Test
  void theHostKeyIsKeptAcrossRestarts() throws Exception {
    try (ClientSession s = login("teacher", teacher)) {
      assertThat(s.isAuthenticated()).isTrue();
    }
    PublicKey first = hostKey.get();
    instance.close();
    instance = Instances.start(SpecLoader.load(spec).spec());
    try (ClientSession s = login("teacher", teacher)) {
      assertThat(s.isAuthenticated()).isTrue();
    }
    assertThat(hostKey.get()).isEqualTo(first);
    assertThat(dir.resolve("data/ssh/host_key")).exists();
  }

  /** Console commands naming a file the server can read, as picocli's "@file" would expand. */
  private static final String[] AT_FILE_COMMANDS = {
    "status @%s", "users @%s", "mailbox @%s", "queue show @%s"
  };

  private Path secretFile() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "MARKER-7f3a9 root:$6$hash\n");
    return secret;
  }

  @Test
  void atFileArgumentsAreNotExpandedOverSsh() throws Exception {
    Path secret = secretFile();
    try (ClientSession s = login("teacher", teacher)) {
      for (String command : AT_FILE_COMMANDS) {
        Exec e = exec(s, command.formatted(secret));
        assertThat(e.status()).as(command).isNotZero();
        assertThat(e.out() + e.err()).as(command).doesNotContain("MARKER").isNotBlank();
      }
    }
  }

  @Test
  void atFileArgumentsAreNotExpandedThroughTheControlSocket() throws Exception {
    Path secret = secretFile();
    String[] commands = AT_FILE_COMMANDS;
    Path socket = ControlSocket.of(instance.spec().server().dataDir());
    for (String command : commands) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      OptionalInt status =
          ControlClient.run(
              socket,
              command.formatted(secret).split(" "),
              new PrintWriter(out),
              new PrintWriter(err));
      assertThat(status).as(command).isPresent();
      assertThat(status.getAsInt()).as(command).isNotZero();
      assertThat(out + "" + err).as(command).doesNotContain("MARKER").isNotBlank();
    }
  }

  @Test
  void mailboxShowsSubjectsDecodedAndEscaped() throws Exception {
    deliver(
        "Subject: =?UTF-8?B?7ZqM7J2YIOydvOyglQ==?=", " =?UTF-8?B?IOyViOuCtA==?=", "From: a@b.c");
    deliver("Subject: =?euc-kr?B?uN7AzyC8rbn2IMGhsMs=?=");
    deliver("Subject: =?utf-8?Q?caf=C3=A9_=0D=0Afake=1B[2J?=");
    deliver("Subject: raw\u001b]0;owned\u0007");
    try (ClientSession s = login("teacher", teacher)) {
      Exec e = exec(s, "mailbox test@bann.com");
      assertThat(e.status()).isZero();
      assertThat(e.out())
          .contains("test@bann.com: 4 messages")
          .contains("new  회의 일정 안내\n")
          .contains("new  메일 서버 점검\n")
          .contains("new  café \\015\\012fake\\033[2J\n")
          .contains("new  raw\\033]0;owned\\007\n")
          .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f]");
    }
  }

  @Test
  void logTailShowsControlCharactersEscaped() throws Exception {
    org.slf4j.Logger maillog = LoggerFactory.getLogger("maillog");
    maillog.info("client=x auth={} result=failed", "nobody\r\nmaillog: decision=accepted\u001b[8m");
    maillog.warn("trace follows", new IllegalStateException("bad\r\nmaillog: forged"));
    try (ClientSession s = login("teacher", teacher)) {
      Exec e = exec(s, "log tail -n 20");
      assertThat(e.status()).isZero();
      assertThat(e.out())
          .contains("auth=nobody\\015\\012maillog: decision=accepted\\033[8m result=failed")
          .contains("java.lang.IllegalStateException: bad\\015\\012maillog: forged")
          .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f]");
      assertThat(e.out().lines()).noneMatch(l -> l.startsWith("maillog:"));
    }
  }

  private void deliver(String... header) throws Exception {
    MailDrop drop = instance.mailDrop();
    SpoolWriter w = drop.newSpool(QueueIds.next());
    for (String l : header) {
      w.line(l.getBytes(StandardCharsets.UTF_8));
    }
    w.line(new byte[0]);
    w.line("body".getBytes(StandardCharsets.UTF_8));
    drop.deliver(w.finish(), List.of(new Mailbox("bann.com", "test")), null);
  }

  private static void type(OutputStream keys, String text) throws Exception {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  private static void waitFor(ByteArrayOutputStream screen, String text) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!screen.toString(StandardCharsets.UTF_8).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never saw " + text + " in: " + screen);
      }
      Thread.sleep(20);
    }
  }
}
