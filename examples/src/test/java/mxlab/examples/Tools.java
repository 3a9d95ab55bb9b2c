package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real clients interop tests drive (dig, swaks, fetchmail, python3, curl). A missing tool
 * skips the test on a developer's machine, but fails it where MXLAB_REQUIRE_INTEROP=1 (CI sets it),
 * so CI can never pass by skipping.
 */
final class Tools {
  private Tools() {}

  record Result(int exit, String out, String err) {
    Result ok() {
      assertThat(exit).as("exit status; stderr: %s; stdout: %s", err, out).isZero();
      return this;
    }
  }

  static void require(String... tools) {
    for (String tool : tools) {
      boolean present =
          List.of("/usr/bin/", "/usr/sbin/", "/usr/local/bin/", "/bin/").stream()
              .anyMatch(dir -> Path.of(dir + tool).toFile().canExecute());
      if (!present) {
        missing(tool + " is not installed");
      } else if (tool.equals("swaks") && !perlHas("Net::SSLeay")) {
        // swaks' TLS needs it, and Debian only recommends it (CI installs no Recommends)
        missing("swaks cannot do TLS: Perl's Net::SSLeay (libnet-ssleay-perl) is not installed");
      }
    }
  }

  private static void missing(String what) {
    if ("1".equals(System.getenv("MXLAB_REQUIRE_INTEROP"))) {
      throw new AssertionError(what + ", but interop tests require it");
    }
    Assumptions.abort(what);
  }

  private static boolean perlHas(String module) {
    try {
      return run(List.of("perl", "-M" + module, "-e", "1"), null, 30).exit() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, null, 60);
  }

  static Result run(List<String> command, String stdin, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread o = pump(p.getInputStream(), out);
    Thread e = pump(p.getErrorStream(), err);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in time");
    }
    o.join();
    e.join();
    return new Result(
        p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t =
        new Thread(
            () -> {
              try {
                in.transferTo(sink);
              } catch (IOException ignored) {
                // the process ended
              }
            });
    t.start();
    return t;
  }

  /** A port nothing listens on at ADDRESS now, for a server that cannot be told port 0. */
  static int freePort(String address) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return s.getLocalPort();
    }
  }

  static void awaitListening(String address, int port) throws InterruptedException {
    for (int i = 0; i < 150; i++) {
      try (Socket s = new Socket(address, port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError(address + ":" + port + " is not listening");
  }

  /**
   * fetchmail polling test@bann.com (password changeme) on 127.0.0.1:PORT over PROTOCOL with the
   * TLS words given ("ssl", "sslproto tls1.2+") and KEEP ("keep", "nokeep"), appending what it
   * fetches to MBOX; its rc file (0600, as fetchmail insists) and state live in HOME.
   */
  static Result fetchmail(Path home, String protocol, int port, String tls, String keep, Path mbox)
      throws IOException, InterruptedException {
    Path rc = home.resolve("fetchmailrc");
    Files.writeString(
        rc,
        "set no syslog\n"
            + "poll 127.0.0.1 protocol "
            + protocol
            + " port "
            + port
            + " timeout 20\n"
            + "  user \"test@bann.com\" there with password \"changeme\" is root here\n"
            + "  "
            + tls
            + " no sslcertck "
            + keep
            + "\n"
            + "  mda \"/bin/sh -c 'cat >> "
            + mbox
            + "'\"\n");
    Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
    return run(
        List.of(
            "env",
            "HOME=" + home,
            "FETCHMAILHOME=" + home,
            "fetchmail",
            "-f",
            rc.toString(),
            "--nodetach",
            "-v"),
        null,
        60);
  }
}
