package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A move from mxlab to the exported Dovecot: the tutorial's spec serving one protocol on ADDRESS
 * (PORT in the spec, so the export listens there), mxlab run on its Maildirs first, then the
 * export's build.sh as an admin runs it.
 */
record DovecotMigration(Path dir, String address, String protocol, int port) {
  DovecotMigration {
    try {
      Files.writeString(
          spec(dir),
          MxlabProcess.tutorialSpec(
              address, "smtp: off, submission: off, submissions: off, " + only(protocol, port)));
      // Dovecot's mail processes run as uid 5000: they must reach the Maildirs
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createDirectories(dir.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Dovecot's server for one protocol, from its Debian package, or the test cannot run. */
  static void requireDovecot(String protocol, String debianPackage) {
    Tools.require("dovecot", "doveadm", "swaks", "python3");
    if (!Files.isExecutable(Path.of("/usr/lib/dovecot", protocol))) {
      if ("1".equals(System.getenv("MXLAB_REQUIRE_INTEROP"))) {
        throw new AssertionError(debianPackage + " is required for interop tests");
      }
      Assumptions.abort(debianPackage + " is not installed");
    }
  }

  /** The mailbox services, PROTOCOL on PORT and the others off: "pop3: 2110, pop3s: off, ...". */
  private static String only(String protocol, int port) {
    List<String> services = new ArrayList<>();
    for (String p : List.of("pop3", "pop3s", "imap", "imaps")) {
      services.add(p + ": " + (p.equals(protocol) ? String.valueOf(port) : "off"));
    }
    return String.join(", ", services);
  }

  private static Path spec(Path dir) {
    return dir.resolve("bann.com.yaml");
  }

  /** The data directory mxlab runs on. */
  Path mailData() {
    return dir.resolve("data");
  }

  /** mxlab up on the Maildirs, with MESSAGES sent to test@bann.com. */
  MxlabProcess mxlab(int messages) throws Exception {
    MxlabProcess mxlab =
        MxlabProcess.up(
            spec(dir),
            "--ports",
            MxlabProcess.ports("smtp=0", protocol + "=0"),
            "--data-dir",
            mailData().toString());
    for (int i = 1; i <= messages; i++) {
      Tools.run(
              List.of(
                  "swaks",
                  "--server",
                  address + ":" + mxlab.port("smtp"),
                  "--to",
                  "test@bann.com",
                  "--from",
                  "alice@example.org",
                  "--header",
                  "Subject: message " + i))
          .ok();
    }
    return mxlab;
  }

  /** Exports, runs build.sh (mxlab stopped) and waits for Dovecot; returns its dovecot.conf. */
  Path startDovecot() throws Exception {
    return startDovecot(mailData());
  }

  /**
   * The same on DATA, a data directory of mxlab's (its mail/ and tls/): build.sh migrates its
   * Maildirs in place, for Dovecot.
   */
  Path startDovecot(Path data) throws Exception {
    Path out = Files.createDirectories(dir.resolve("dovecot"));
    MxlabProcess.export("dovecot", spec(dir), out, data);
    // the Dovecot it starts keeps the output it inherits open: into a file, not a pipe
    Path log = dir.resolve("build.log");
    Process build =
        new ProcessBuilder("sh", out.resolve("build.sh").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(build.exitValue()).as(Files.readString(log)).isZero();
    Tools.awaitListening(address, port);
    return out.resolve("dovecot.conf");
  }

  /** Stops the Dovecot that CONF runs. */
  static void stopDovecot(Path conf) throws Exception {
    Tools.run(List.of("doveadm", "-c", conf.toString(), "stop"));
  }
}
