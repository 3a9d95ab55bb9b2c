package mxlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two packages of core use each other, directly or round a longer way: the spec is the model at
 * the bottom, and what is built from it (routing, auth.accounts, site, ...) sits above. Checked on
 * the sources, as {@code examples}' ArchitectureTest checks the modules; a cycle is named with one
 * file for each of its steps.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

  /** A use of another class of core: an import, or a fully qualified name in the code. */
  private static final Pattern USE = Pattern.compile("\\b(mxlab\\.core(?:\\.[a-z]\\w*)+)\\.[A-Z]");

  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

  @Test
  void noPackageOfCoreReachesItselfThroughOthers() throws IOException {
    Map<String, Map<String, Path>> uses = packageUses();
    assertThat(uses).as("packages of core found").containsKeys("mxlab.core.spec");
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)));
      if (path != null && start.equals(smallest(path))) { // each cycle once
        cycles.add(describe(path, uses));
      }
    }
    assertThat(cycles).isEmpty();
  }

  @Test
  void aCycleIsFound() {
    Map<String, Map<String, Path>> uses = new TreeMap<>();
    uses.put("a", Map.of("b", Path.of("A.java")));
    uses.put("b", Map.of("c", Path.of("B.java")));
    uses.put("c", Map.of("a", Path.of("C.java")));
    uses.put("d", Map.of("a", Path.of("D.java")));
    assertThat(cycleFrom("a", "a", uses, new ArrayList<>(List.of("a"))))
        .containsExactly("a", "b", "c", "a");
    assertThat(cycleFrom("d", "d", uses, new ArrayList<>(List.of("d")))).isNull();
  }

  /** Package to the packages it uses, each with one file that does. */
  private static Map<String, Map<String, Path>> packageUses() throws IOException {
    Map<String, Map<String, Path>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String text = Files.readString(file);
        Matcher p = PACKAGE.matcher(text);
        assertThat(p.find()).as("%s has a package line", file).isTrue();
        String own = p.group(1);
        Map<String, Path> used = uses.computeIfAbsent(own, k -> new TreeMap<>());
        Matcher m = USE.matcher(COMMENT.matcher(text).replaceAll(""));
        while (m.find()) {
          if (!m.group(1).equals(own)) {
            used.putIfAbsent(m.group(1), file);
          }
        }
      }
    }
    return uses;
  }

  /** A path from {@code at} back to {@code start} (both ends included), or null. */
  private static List<String> cycleFrom(
      String start, String at, Map<String, Map<String, Path>> uses, List<String> path) {
    for (String next : uses.getOrDefault(at, Map.of()).keySet()) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (!path.contains(next)) {
        path.add(next);
        List<String> found = cycleFrom(start, next, uses, path);
        path.remove(path.size() - 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String smallest(List<String> cycle) {
    return cycle.stream().sorted().findFirst().orElseThrow();
  }

  /** "a -> b (a/X.java) -> a (b/Y.java)". */
  private static String describe(List<String> cycle, Map<String, Map<String, Path>> uses) {
    StringBuilder b = new StringBuilder(cycle.get(0));
    for (int i = 1; i < cycle.size(); i++) {
      Path why = uses.get(cycle.get(i - 1)).get(cycle.get(i));
      b.append(" -> ")
          .append(cycle.get(i))
          .append(" (")
          .append(SOURCES.relativize(why))
          .append(')');
    }
    return b.toString();
  }
}
