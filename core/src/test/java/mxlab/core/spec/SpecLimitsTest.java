package mxlab.core.spec;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or mistaken input is refused quickly, before it can cost minutes and gigabytes. */
class SpecLimitsTest {
  private static final Duration FAST = Duration.ofSeconds(5);

  private static String loadError(Path file) {
    try {
      SpecLoader.load(file);
      throw new AssertionError("the spec should have been refused");
    } catch (SpecException e) {
      return e.getMessage();
    }
  }

  @Test
  void aFileOfManyMegabytesIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.yaml");
    String padding = ("# " + "x".repeat(98) + "\n").repeat(60_000); // 5.8 MiB of short lines
    Files.writeString(file, minimal("") + padding, StandardCharsets.UTF_8);
    String error = assertTimeoutPreemptively(FAST, () -> loadError(file));
    assertThat(error)
        .contains(file + ": error: the spec is 5.8 MiB; a spec may be at most 4 MiB")
        .contains("check that this is the spec you meant");
  }

  @Test
  void aTwentyMegabyteSingleLineIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("line.yaml");
    Files.writeString(file, "version: 1\nx: " + "a".repeat(20_000_000), StandardCharsets.UTF_8);
    String error = assertTimeoutPreemptively(FAST, () -> loadError(file));
    assertThat(error).contains(file + ": error: the spec is 19.1 MiB");
  }

  @Test
  void aLongLineIsRefusedWithItsPosition() {
    String out =
        assertTimeoutPreemptively(
            FAST, () -> report(minimal("    spf: \"v=spf1 " + "a".repeat(100_000) + "\"\n")));
    assertThat(out)
        .contains(
            "t.yaml:8:16385: error: line 8 is 100018 characters long; lines may be at most 16384")
        .contains("break the value over several lines");
  }

  @Test
  void billionLaughsIsRefusedAtTheFirstAlias() {
    StringBuilder yaml = new StringBuilder("version: 1\na0: &a0 [lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 30; i++) {
      String p = "*a" + (i - 1);
      yaml.append("a%d: &a%d [%s, %s, %s, %s, %s]\n".formatted(i, i, p, p, p, p, p));
    }
    String out = assertTimeoutPreemptively(FAST, () -> report(yaml.toString()));
    assertThat(out)
        .contains("t.yaml:3:10: error: '*a0' refers to an anchor; a spec has no anchors or aliases")
        .contains("write the value out where it is needed");
  }

  @Test
  void deepNestingIsRefused() {
    String out = assertTimeoutPreemptively(FAST, () -> report("x: " + "[".repeat(5_000)));
    assertThat(out).containsPattern("t\\.yaml:1:\\d+: error: this is not valid YAML: .*nest");
  }
}
