package mxlab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import mxlab.core.store.SyncBatcher;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Dovecot ({@code doveadm save}, from dovecot-core) and mxlab appending into one Maildir at
 * once: both take {@code dovecot-uidlist.lock}, so no UID is given twice and Dovecot's UIDs are
 * mxlab's. Skipped without doveadm, failed where MXLAB_REQUIRE_INTEROP=1.
 */
class DovecotUidListTest {
  private static final Path DOVEADM = Path.of("/usr/bin/doveadm");
  private static final int EACH = 25;

  @TempDir Path data;

  @Test
  void dovecotAndMxlabAppendingAtOnceAgreeOnEveryUid() throws Exception {
    List<String> launcher = requireDovecot();
    try (SyncBatcher batcher = new SyncBatcher()) {
      Folder inbox =
          new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher)
              .mailbox("bann.com", "test")
              .inbox();
      inbox.create();
      Doveadm doveadm = new Doveadm(launcher, data.resolve("dovecot"), inbox.dir());
      Map<Long, String> dovecotGave = new ConcurrentHashMap<>();
      CompletableFuture<Void> dovecot =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < EACH; i++) {
                  String token = "dv" + i + "x";
                  doveadm.run("Subject: " + token + "\n\nx\n", "save");
                  // the UID Dovecot gave it, as an IMAP client of Dovecot's would see it now
                  dovecotGave.putAll(
                      uids(
                          doveadm.run(
                              "",
                              "-f",
                              "flow",
                              "fetch",
                              "uid guid",
                              "mailbox",
                              "INBOX",
                              "header",
                              "subject",
                              token)));
                }
              });
      Map<Long, String> given = new HashMap<>();
      for (int i = 0; i < EACH; i++) {
        Message m =
            inbox.append(
                ("Subject: mxlab " + i + "\n\nx\n").getBytes(StandardCharsets.UTF_8),
                Flags.NONE,
                Instant.now());
        assertThat(given.put(m.uid(), m.base())).as("UID %d given twice", m.uid()).isNull();
        inbox.messages(); // a rescan between, as a session's NOOP: it takes Dovecot's new ones
        // a doveadm run takes some 20 ms: paced so that the two take turns in between
        Thread.sleep(ThreadLocalRandom.current().nextInt(30));
      }
      dovecot.get(120, TimeUnit.SECONDS);

      Map<Long, String> dovecotView =
          uids(doveadm.run("", "-f", "flow", "fetch", "uid guid", "mailbox", "INBOX", "all"));
      assertThat(dovecotGave).hasSize(EACH);
      // no UID was given twice, nor taken back from the one it was given to
      assertThat(dovecotView).hasSize(2 * EACH).containsAllEntriesOf(given);
      assertThat(dovecotView).containsAllEntriesOf(dovecotGave);
      for (Folder f :
          List.of(
              inbox,
              new MailStore(new Maildirs(data.resolve("mail"), "mail.bann.com"), batcher)
                  .mailbox("bann.com", "test")
                  .inbox())) {
        Map<Long, String> mxlabView = new HashMap<>();
        f.messages().forEach(m -> mxlabView.put(m.uid(), m.base()));
        assertThat(mxlabView).isEqualTo(dovecotView);
      }
    }
  }

  /** UID to Maildir base name from doveadm fetch's lines "uid=3 guid=<base name>". */
  private static Map<Long, String> uids(String fetched) {
    Map<Long, String> out = new HashMap<>();
    for (String line : fetched.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ", 2);
      long uid = Long.parseLong(f[0].substring("uid=".length()));
      assertThat(out.put(uid, f[1].substring("guid=".length()))).as(line).isNull();
    }
    return out;
  }

  /**
   * How to start doveadm here. Dovecot refuses mail access as root: run as root (a container), it
   * becomes uid 5000 keeping only the right to pass file modes, since mxlab's files are 0600.
   */
  private static List<String> requireDovecot() throws IOException {
    if (!Files.isExecutable(DOVEADM)) {
      if ("1".equals(System.getenv("MXLAB_REQUIRE_INTEROP"))) {
        throw new AssertionError("dovecot-core (doveadm) is required for interop tests");
      }
      Assumptions.abort("dovecot-core is not installed");
    }
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (uid != 0) {
      return List.of(DOVEADM.toString());
    }
    return List.of(
        "setpriv",
        "--reuid=5000",
        "--regid=5000",
        "--clear-groups",
        "--inh-caps=+dac_override",
        "--ambient-caps=+dac_override",
        DOVEADM.toString());
  }

  /** doveadm with a configuration of its own: this Maildir, no index files, no auth service. */
  private static final class Doveadm {
    private final List<String> launcher;
    private final Path dir;
    private final Path conf;

    Doveadm(List<String> launcher, Path dir, Path maildir) throws IOException {
      this.launcher = launcher;
      this.dir = dir;
      Files.createDirectories(dir.resolve("home"));
      this.conf = dir.resolve("dovecot.conf");
      int uid =
          launcher.size() > 1
              ? 5000
              : (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      int gid =
          launcher.size() > 1
              ? 5000
              : (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "base_dir = " + dir.resolve("run"),
              "state_dir = " + dir.resolve("state"),
              "log_path = /dev/stderr",
              "ssl = no",
              "first_valid_uid = " + uid,
              "first_valid_gid = " + gid,
              "mail_uid = " + uid,
              "mail_gid = " + gid,
              "mail_location = maildir:" + maildir + ":INDEX=MEMORY",
              "")); // without -u doveadm serves $USER with these settings: no userdb lookup
    }

    /** Runs doveadm with {@code stdin}; returns its output, or fails with its error output. */
    String run(String stdin, String... args) {
      List<String> command = new ArrayList<>(launcher);
      command.add("-c");
      command.add(conf.toString());
      command.addAll(List.of(args));
      try {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("USER", "test");
        Path err = Files.createTempFile(dir, "doveadm", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new AssertionError("doveadm " + List.of(args) + ": " + Files.readString(err));
        }
        // a list Dovecot found broken or a lock it had to override is logged, not failed
        assertThat(Files.readString(err))
            .as("doveadm " + List.of(args))
            .doesNotContain("Error", "Warning");
        return out;
      } catch (IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
