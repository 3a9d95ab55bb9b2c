package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled example is a valid spec, with no warnings. */
class ExamplesTest {
  static Stream<Path> examples() {
    return Stream.of(Path.of("bann.com.yaml"), Path.of("classroom.yaml"));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void isValidWithoutWarnings(Path example) throws Exception {
    SpecLoader.Loaded loaded = SpecLoader.load(example);
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.spec().domains()).isNotEmpty();
  }
}
