package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of the modules, checked on their sources and poms: core and store know no sockets;
 * protocol modules never use each other; only cli (which wires everything) uses picocli, MINA SSHD
 * and logback; the JUnit harness stands on server, never on cli, and uses logback only to capture
 * the maillog. A violation names the file and the import.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Modules that implement one protocol (or the outbound transport) and stand side by side. */
  private static final List<String> PROTOCOLS =
      List.of("dns", "smtp", "pop3", "imap", "web", "outbound");

  private static final List<String> BELOW_CLI =
      List.of(
          "core",
          "store",
          "net",
          "dns",
          "smtp",
          "pop3",
          "imap",
          "web",
          "outbound",
          "mailauth",
          "server",
          "bridge");

  private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");

  @Test
  void coreAndStoreOpenNoSockets() throws IOException {
    for (String module : List.of("core", "store")) {
      assertThat(
              violations(
                  module,
                  "org.apache.mina.",
                  "java.net.ServerSocket",
                  "java.net.Datagram",
                  "java.nio.channels.SocketChannel",
                  "java.nio.channels.ServerSocketChannel",
                  "java.nio.channels.DatagramChannel"))
          .isEmpty();
      assertThat(sourcesContaining(module, "new Socket(")).isEmpty();
    }
  }

  @Test
  void protocolModulesNeverUseEachOther() throws IOException {
    for (String module : PROTOCOLS) {
      for (String other : PROTOCOLS) {
        if (!other.equals(module)) {
          assertThat(violations(module, "mxlab." + other + "."))
              .as("%s uses %s", module, other)
              .isEmpty();
        }
      }
    }
  }

  /**
   * Mail authentication plugs into SMTP's message hooks and nothing else: it uses no other protocol
   * module (its DNS records reach the zones through server), and no protocol module uses it.
   */
  @Test
  void mailauthPlugsIntoSmtpOnly() throws IOException {
    for (String other : List.of("dns", "pop3", "imap", "outbound", "server", "store")) {
      assertThat(violations("mailauth", "mxlab." + other + "."))
          .as("mailauth uses %s", other)
          .isEmpty();
    }
    for (String module : PROTOCOLS) {
      assertThat(violations(module, "mxlab.mailauth.")).as("%s uses mailauth", module).isEmpty();
    }
  }

  @Test
  void onlyCliUsesPicocliSshdAndLogback() throws IOException {
    for (String module : BELOW_CLI) {
      assertThat(violations(module, "picocli.", "org.apache.sshd.", "ch.qos.logback."))
          .as(module)
          .isEmpty();
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      for (Map.Entry<String, String> banned :
          Map.of(
                  "picocli", "picocli",
                  "sshd-core", "org.apache.sshd",
                  "logback-classic", "ch.qos.logback")
              .entrySet()) {
        assertThat(compileScoped(pom, banned.getKey()))
            .as("%s/pom.xml depends on %s outside test scope", module, banned.getKey())
            .isFalse();
      }
    }
  }

  /**
   * mxlab-junit is a library for other projects' tests: it runs the server module's services, so it
   * must not drag in the command line (picocli, SSHD, cli's logging setup); logback it uses in one
   * package only, to tell each lab's maillog lines apart.
   */
  @Test
  void junitHarnessStandsOnServerNotOnCli() throws IOException {
    assertThat(violations("junit", "mxlab.cli.", "picocli.", "org.apache.sshd.")).isEmpty();
    String pom = Files.readString(ROOT.resolve("junit").resolve("pom.xml"));
    for (String banned : List.of("mxlab-cli", "picocli", "sshd-core")) {
      assertThat(compileScoped(pom, banned)).as("junit/pom.xml depends on %s", banned).isFalse();
    }
    assertThat(violations("junit", "ch.qos.logback."))
        .allMatch(v -> v.startsWith("junit/src/main/java/mxlab/junit/maillog/"));
  }

  /** Whether a pom declares the artifact without {@code <scope>test</scope>}. */
  private static boolean compileScoped(String pom, String artifact) {
    Matcher m =
        Pattern.compile("<dependency>((?:(?!</dependency>).)*)</dependency>", Pattern.DOTALL)
            .matcher(pom);
    while (m.find()) {
      String dep = m.group(1);
      if (dep.contains("<artifactId>" + artifact + "</artifactId>")
          && !dep.contains("<scope>test</scope>")) {
        return true;
      }
    }
    return false;
  }

  /** "File: import" for every main-source import of {@code module} that starts with a prefix. */
  private static List<String> violations(String module, String... prefixes) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources(module)) {
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        for (String prefix : prefixes) {
          if (m.group(1).startsWith(prefix)) {
            found.add(ROOT.relativize(file) + ": " + m.group(1));
          }
        }
      }
    }
    return found;
  }

  private static List<String> sourcesContaining(String module, String text) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources(module)) {
      if (Files.readString(file).contains(text)) {
        found.add(ROOT.relativize(file).toString());
      }
    }
    return found;
  }

  private static List<Path> sources(String module) throws IOException {
    Path dir = ROOT.resolve(module).resolve("src/main/java");
    assertThat(dir).as("module %s", module).isDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }
}
