package mxlab.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.core.address.DomainNames;
import mxlab.core.auth.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes a commented starter spec in the tutorial's shape, or a classroom of student domains with
 * one user each; new passwords are printed once, only their hashes go into the spec.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a starter spec for DOMAIN (to stdout, or --out FILE): a mail host, MX 10, a first",
      "user with a new password, a postmaster alias, access rules. With --classroom N: N student",
      "domains student01.DOMAIN ... with one user each. The passwords go to stderr, once."
    })
public final class InitCommand implements Callable<Integer> {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD_CHARS = "abcdefghijkmnpqrstuvwxyz23456789";

  @Parameters(paramLabel = "DOMAIN")
  String domain;

  @Option(names = "--classroom", paramLabel = "N", description = "N student domains (1-10000).")
  Integer classroom;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the spec here.")
  Path out;

  @Option(
      names = "--address",
      paramLabel = "IP",
      defaultValue = "192.0.2.25",
      description = "The mail host's address in the zones (default ${DEFAULT-VALUE}).")
  String address;

  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws Exception {
    String d = DomainNames.normalize(domain);
    if (!DomainNames.isHostName(d, true)) {
      throw new CliFailure(ExitCode.USAGE, "'" + domain + "' is not a domain name, like bann.com");
    }
    if (classroom != null && (classroom < 1 || classroom > 10_000)) {
      throw new CliFailure(ExitCode.USAGE, "--classroom takes 1 to 10000 students");
    }
    PrintWriter credentials = self.commandLine().getErr();
    String spec = classroom == null ? single(d, credentials) : classroom(d, classroom, credentials);
    if (out == null) {
      self.commandLine().getOut().print(spec);
    } else {
      Files.writeString(out, spec, StandardCharsets.UTF_8);
      credentials.println("wrote " + out + "; start it with: mxlab up " + out);
    }
    return ExitCode.OK;
  }

  private String single(String d, PrintWriter credentials) {
    String password = password();
    credentials.println("user admin@" + d + " has the password: " + password);
    return """
        # A mail domain for mxlab, in the shape of the classic sendmail + dovecot + BIND setup.
        #   mxlab validate %1$s.yaml   (check it)     mxlab up %1$s.yaml   (run it)
        version: 1

        server:
          hostname: mail.%1$s
          listen: 127.0.0.1          # this machine only; 0.0.0.0 serves every network
          max_message_size: 10MB     # sendmail's MaxMessageSize
          queue: { warn_after: 4h, return_after: 5d }

        domains:
          - name: %1$s
            hosts:
              mail: %2$s       # mail IN A ...
            mx: [ "10 mail" ]       # IN MX 10 mail.%1$s.
            users:
              # make more hashes with: mxlab passwd
              - { name: admin, password: "%3$s" }
            aliases:
              postmaster: admin      # RFC 5321 wants postmaster@ to work
              abuse: admin

        # The sendmail access map: who may relay through this server.
        access:
          "Connect:127.0.0.1": RELAY
          "Connect:localhost": RELAY
        """
        .formatted(d, address, PasswordHash.hash(password));
  }

  private String classroom(String d, int n, PrintWriter credentials) {
    String teacher = password();
    credentials.println("teacher@" + d + " " + teacher);
    StringBuilder b = new StringBuilder();
    b.append("# A classroom of ").append(n).append(" student domains on one mxlab.\n");
    b.append("#   mxlab up classroom.yaml\n");
    b.append("version: 1\n\nserver:\n  hostname: mail.").append(d).append('\n');
    b.append("  listen: 127.0.0.1\n");
    b.append("  # LAB ONLY: logins without TLS, so students can follow the protocol by hand.\n");
    b.append("  allow_plaintext_auth: true\n\ndomains:\n");
    domain(b, d, "teacher", teacher);
    b.append("    aliases: { postmaster: teacher }\n");
    int width = Math.max(2, String.valueOf(n).length());
    for (int i = 1; i <= n; i++) {
      String student = String.format("student%0" + width + "d.%s", i, d);
      String password = password();
      credentials.println("student@" + student + " " + password);
      domain(b, student, "student", password);
    }
    b.append("\naccess:\n  \"Connect:127.0.0.1\": RELAY\n");
    return b.toString();
  }

  /** A domain of the classroom: its mail host and one user, the password stored hashed. */
  private void domain(StringBuilder b, String name, String user, String password) {
    b.append("  - name: ").append(name).append('\n');
    b.append("    hosts: { mail: ").append(address).append(" }\n");
    b.append("    users: [ { name: ").append(user).append(", password: \"");
    b.append(PasswordHash.hash(password)).append("\" } ]\n");
  }

  private static String password() {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      p.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
    }
    return p.toString();
  }
}
