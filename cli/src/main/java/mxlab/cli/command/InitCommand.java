package mxlab.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.core.address.DomainNames;
import mxlab.core.auth.PasswordHash;
import mxlab.core.spec.write.Section;
import mxlab.core.spec.write.SpecWriter;
import mxlab.core.spec.write.YamlList;
import mxlab.core.spec.write.YamlMap;
import mxlab.core.spec.write.YamlNode;
import mxlab.core.spec.write.YamlNode.Style;
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
    YamlMap server =
        new YamlMap(Section.SERVER)
            .put("hostname", "mail." + d)
            .put("listen", "127.0.0.1")
            .comment("this machine only; 0.0.0.0 serves every network")
            .put("max_message_size", "10MB")
            .comment("sendmail's MaxMessageSize")
            .put(
                "queue",
                new YamlMap(Section.QUEUE)
                    .style(Style.FLOW)
                    .put("warn_after", "4h")
                    .put("return_after", "5d"));
    YamlMap domain =
        new YamlMap(Section.DOMAIN)
            .put("name", d)
            .put(
                "hosts",
                new YamlMap(Section.DATA).put("mail", address).comment("mail IN A " + address))
            .put(
                "mx",
                blockList(flow(Section.MX).put("priority", 10).put("host", "mail"))
                    .comment("IN MX 10 mail." + d + "."))
            .put(
                "users",
                blockList(user("admin", password)).above("make more hashes with: mxlab passwd"))
            .put(
                "aliases",
                new YamlMap(Section.DATA)
                    .put("postmaster", "admin")
                    .comment("RFC 5321 wants postmaster@ to work")
                    .put("abuse", "admin"));
    YamlMap spec =
        new YamlMap(Section.SPEC)
            .put("version", 1)
            .put("server", server)
            .put("domains", blockList(domain))
            .put(
                "access",
                new YamlMap(Section.DATA)
                    .put("Connect:127.0.0.1", "RELAY")
                    .put("Connect:localhost", "RELAY"))
            .above("The sendmail access map: who may relay through this server.");
    return SpecWriter.write(
        List.of(
            "A mail domain for mxlab, in the shape of the classic sendmail + dovecot + BIND setup.",
            "  mxlab validate " + d + ".yaml   (check it)     mxlab up " + d + ".yaml   (run it)"),
        spec);
  }

  private String classroom(String d, int n, PrintWriter credentials) {
    String teacher = password();
    credentials.println("teacher@" + d + " " + teacher);
    YamlList domains =
        blockList(
            domain(d, "teacher", teacher)
                .put("aliases", flow(Section.DATA).put("postmaster", "teacher")));
    int width = Math.max(2, String.valueOf(n).length());
    for (int i = 1; i <= n; i++) {
      String student = String.format("student%0" + width + "d.%s", i, d);
      String password = password();
      credentials.println("student@" + student + " " + password);
      domains.add(domain(student, "student", password));
    }
    YamlMap spec =
        new YamlMap(Section.SPEC)
            .put("version", 1)
            .put(
                "server",
                new YamlMap(Section.SERVER)
                    .put("hostname", "mail." + d)
                    .put("listen", "127.0.0.1")
                    .put("allow_plaintext_auth", true)
                    .above(
                        "LAB ONLY: logins without TLS, so students can follow the protocol by"
                            + " hand."))
            .put("domains", domains)
            .put("access", new YamlMap(Section.DATA).put("Connect:127.0.0.1", "RELAY"));
    return SpecWriter.write(
        List.of(
            "A classroom of " + n + " student domains on one mxlab.", "  mxlab up classroom.yaml"),
        spec);
  }

  /** A domain of the classroom: its mail host and one user, the password stored hashed. */
  private YamlMap domain(String name, String user, String password) {
    return new YamlMap(Section.DOMAIN)
        .put("name", name)
        .put("hosts", flow(Section.DATA).put("mail", address))
        .put("users", blockList(user(user, password)));
  }

  private static YamlMap user(String name, String password) {
    return flow(Section.USER)
        .put("name", name)
        .put("password", PasswordHash.hash(password).toString());
  }

  private static YamlMap flow(Section section) {
    return new YamlMap(section).style(Style.AUTO);
  }

  private static YamlList blockList(YamlNode item) {
    return new YamlList().style(Style.BLOCK).add(item);
  }

  private static String password() {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      p.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
    }
    return p.toString();
  }
}
