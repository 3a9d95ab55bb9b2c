package mxlab.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir Path dir;

  /** A queue flush and a delivery attempt save one envelope at once: neither may fail. */
  @Test
  void writersReplacingOneFileAtOnceDoNotTripEachOtherUp() throws Exception {
    Path file = dir.resolve("Q1.env");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      byte[] content = ("writer " + t + "\n").getBytes(StandardCharsets.US_ASCII);
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 200; i++) {
                  PrivateFiles.replace(file, content);
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    assertThat(Files.readString(file)).matches("writer \\d\n");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }
}
