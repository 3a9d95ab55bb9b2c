package mxlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecWatcherTest {
  @TempDir Path dir;

  @Test
  void aWriteToTheSpecReloadsAndOtherFilesDoNot() throws Exception {
    Path spec = Files.writeString(dir.resolve("lab.yaml"), "version: 1\n");
    CountDownLatch reloads = new CountDownLatch(1);
    SpecWatcher.watch(spec, reloads::countDown);
    Files.writeString(dir.resolve("other.txt"), "not the spec");
    assertThat(reloads.await(1, TimeUnit.SECONDS)).isFalse();
    Files.writeString(spec, "version: 1\n# edited\n");
    assertThat(reloads.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
