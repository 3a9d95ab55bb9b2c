package mxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mxlab.bridge.export.ExportTarget;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every export of the tutorial's spec and of a spec that uses every section, byte for byte against
 * the files in src/test/resources/golden (the real tools check them in ExportInteropTest). After an
 * intended change: mvn test -Dtest=ExportGoldenTest -Dmxlab.golden.update=true, and read the diff.
 */
class ExportGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<Arguments> exports() {
    return Stream.of("../examples/bann.com.yaml", "src/test/resources/bridge/rich.yaml")
        .flatMap(spec -> Stream.of(ExportTarget.values()).map(t -> Arguments.of(spec, t)));
  }

  @ParameterizedTest(name = "{1} of {0}")
  @MethodSource("exports")
  void exportIsTheGoldenFiles(String source, ExportTarget target, @TempDir Path dir)
      throws Exception {
    Path spec = dir.resolve(Path.of(source).getFileName());
    Files.copy(Path.of(source), spec);
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "export",
            "--to",
            target.name(),
            "--out",
            out.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            spec.toString());
    assertThat(run.exit()).as(run.err()).isZero();

    Map<String, String> actual = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        actual.put(out.relativize(f).toString(), normalized(Files.readString(f), dir));
      }
    }
    actual.put("stderr.txt", normalized(run.err(), dir));

    String name = spec.getFileName().toString().replace(".yaml", "");
    Path golden = GOLDEN.resolve(name).resolve(target.name());
    if (Boolean.getBoolean("mxlab.golden.update")) {
      write(golden, actual);
    }
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.walk(golden)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        expected.put(golden.relativize(f).toString(), Files.readString(f));
      }
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  /**
   * The temporary directory, today's SOA serials and the DKIM keys (made fresh in each run's data
   * directory) are the only things that change; a key keeps its split into strings of 255 octets.
   */
  private static String normalized(String text, Path dir) {
    String stable =
        text.replace(dir.toString(), "$DIR").replaceAll("\\b20\\d{6}\\d\\d\\b", "\\$SERIAL");
    return DKIM_KEY
        .matcher(stable)
        .replaceAll(
            m -> Matcher.quoteReplacement(m.group(1) + m.group(2).replaceAll("[^\" ]+", "KEY")));
  }

  /** A key record's strings after p=, up to the end of the line. */
  private static final Pattern DKIM_KEY = Pattern.compile("(\"v=DKIM1; k=\\w+; p=)([^\\n]*)");

  private static void write(Path golden, Map<String, String> files) throws IOException {
    if (Files.exists(golden)) {
      try (Stream<Path> old = Files.walk(golden)) {
        for (Path f : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = golden.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }
}
