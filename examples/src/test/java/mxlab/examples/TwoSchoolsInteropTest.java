package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/two-schools: north.lab on 127.0.0.2 and south.lab on 127.0.0.3, each using the other's
 * DNS, mail each other by MX lookup; a message for a stopped school waits in the queue. On the
 * standard ports when this machine lets us have them (root, nothing else there); otherwise on a
 * copy of the specs moved to free high ports, the mechanism unchanged.
 */
class TwoSchoolsInteropTest {
  @TempDir Path dir;

  private record School(Path spec, String[] args, String host) {}

  @Test
  void schoolsMailEachOtherAndQueueWhileTheOtherIsDown() throws Exception {
    Tools.require("swaks", "dig");
    List<School> schools = schools();
    School north = schools.get(0);
    School south = schools.get(1);
    try (MxlabProcess n = MxlabProcess.up(north.spec(), north.args());
        MxlabProcess s = MxlabProcess.up(south.spec(), south.args())) {
      Tools.Result mx =
          Tools.run(
              List.of(
                  "dig",
                  "@127.0.0.3",
                  "-p",
                  String.valueOf(s.port("dns")),
                  "+short",
                  "south.lab",
                  "MX"));
      assertThat(mx.out().trim()).isEqualTo("10 mail.south.lab.");
      swaks(n, "127.0.0.2", "alice@north.lab", "bob@south.lab", "north to south");
      swaks(s, "127.0.0.3", "bob@south.lab", "alice@north.lab", "south to north");
      eventually(() -> has(dir.resolve("south"), "south.lab", "bob", "north to south"));
      eventually(() -> has(dir.resolve("north"), "north.lab", "alice", "south to north"));
      // north logs the delivery once south's 250 is back, just after the mail is in the Maildir
      eventually(() -> n.output().contains("status=sent"));

      s.stop();
      swaks(n, "127.0.0.2", "alice@north.lab", "bob@south.lab", "while south sleeps");
      Path northSpec = north.spec();
      String[] dataDir = {"--data-dir", dir.resolve("north").toString()};
      eventually(() -> queue(northSpec, dataDir, "list").contains("-> bob@south.lab"));
      try (MxlabProcess again = MxlabProcess.up(south.spec(), south.args())) {
        assertThat(queue(northSpec, dataDir, "flush")).contains("due now");
        eventually(() -> has(dir.resolve("south"), "south.lab", "bob", "while south sleeps"));
        eventually(() -> queue(northSpec, dataDir, "list").contains("the queue is empty"));
      }
    }
  }

  private List<School> schools() throws IOException {
    Path examples = Path.of("two-schools");
    boolean standard =
        free("127.0.0.2", 25)
            && free("127.0.0.3", 25)
            && free("127.0.0.2", 53)
            && free("127.0.0.3", 53)
            && free("127.0.0.2", 110)
            && free("127.0.0.3", 110);
    List<School> out = new ArrayList<>();
    int base = 20000 + new Random().nextInt(20000);
    for (String[] s :
        new String[][] {{"north", "127.0.0.2", "127.0.0.3"}, {"south", "127.0.0.3", "127.0.0.2"}}) {
      Path spec = examples.resolve(s[0] + ".yaml");
      List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve(s[0]).toString()));
      if (!standard) {
        // The same spec, moved to high ports: both listen on base+N on their own address.
        String text =
            Files.readString(spec)
                .replace(
                    "resolver: " + s[2],
                    "resolver: \""
                        + s[2]
                        + ":"
                        + (base + 53)
                        + "\"\n  remote_port: "
                        + (base + 25));
        spec = dir.resolve(s[0] + ".yaml");
        Files.writeString(spec, text);
        args.addAll(
            List.of(
                "--ports",
                MxlabProcess.ports(
                    "dns=" + (base + 53),
                    "smtp=" + (base + 25),
                    "submission=" + (base + 587),
                    "submissions=" + (base + 465),
                    "pop3=" + (base + 110),
                    "pop3s=" + (base + 995),
                    "imap=" + (base + 143),
                    "imaps=" + (base + 993))));
      }
      out.add(new School(spec, args.toArray(new String[0]), s[1]));
    }
    return out;
  }

  private static boolean free(String address, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void swaks(MxlabProcess mx, String host, String from, String to, String subject)
      throws Exception {
    Tools.run(
            List.of(
                "swaks",
                "--server",
                host + ":" + mx.port("smtp"),
                "--from",
                from,
                "--to",
                to,
                "--header",
                "Subject: " + subject))
        .ok();
  }

  private static String queue(Path spec, String[] dataDir, String action) {
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "java", "-jar", MxlabProcess.JAR.toString(), "queue", action, spec.toString()));
      command.addAll(List.of(dataDir));
      return Tools.run(command).ok().out();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static boolean has(Path data, String domain, String user, String subject) {
    try {
      return MailFiles.mailbox(data, domain, user).stream()
          .anyMatch(m -> m.contains("Subject: " + subject));
    } catch (IOException e) {
      return false;
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void eventually(Check check) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(100);
    }
  }
}
