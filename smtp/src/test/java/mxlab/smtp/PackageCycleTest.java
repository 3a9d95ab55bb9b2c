package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the SMTP server form layers (reply, envelope, policy, command, session, server):
 * no package uses one that uses it back, directly or through others. Checked on the main sources; a
 * cycle is named package by package.
 */
class PackageCycleTest {
  private static final Path SOURCES = Path.of("src/main/java/mxlab/smtp");

  /** Any reference to another smtp package, imported or written out in the code. */
  private static final Pattern REFERENCE = Pattern.compile("\\bmxlab\\.smtp\\.([a-z]\\w*)\\.");

  @Test
  void smtpPackagesHaveNoCycle() throws IOException {
    Map<String, Set<String>> uses = uses(SOURCES);
    assertThat(uses).containsKeys("command", "policy", "session");
    assertThat(cycle(uses)).as("a package cycle").isEmpty();
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> uses =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycle(uses)).containsExactly("a", "b", "c", "a");
    assertThat(cycle(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
  }

  /** For each package below {@code root}, the other packages below it that its sources use. */
  private static Map<String, Set<String>> uses(Path root) throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
        Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
        String code = Files.readString(file).replaceFirst("(?m)^package [\\w.]+;", "");
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            used.add(m.group(1));
          }
        }
      }
    }
    return uses;
  }

  /** A path of packages that leads back to its start, or empty (a depth-first search). */
  static List<String> cycle(Map<String, Set<String>> uses) {
    Set<String> done = new TreeSet<>();
    for (String start : new TreeSet<>(uses.keySet())) {
      List<String> found = visit(start, uses, new ArrayList<>(), done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String pkg, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
    int seen = path.indexOf(pkg);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(pkg);
      return cycle;
    }
    if (done.contains(pkg)) {
      return List.of();
    }
    path.add(pkg);
    for (String next : uses.getOrDefault(pkg, Set.of())) {
      List<String> found = visit(next, uses, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    done.add(pkg);
    return List.of();
  }
}
