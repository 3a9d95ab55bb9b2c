package mxlab.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncBatcherTest {
  @TempDir Path dir;

  @Test
  void concurrentCallersAllReturnOnceSynced() throws Exception {
    SyncBatcher batcher = new SyncBatcher();
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      dirs.add(Files.createDirectory(dir.resolve("d" + i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Path d = dirs.get(i % dirs.size());
        calls.add(
            pool.submit(
                () -> {
                  batcher.syncDirectories(List.of(d));
                  return null;
                }));
      }
      for (Future<?> f : calls) {
        f.get(); // every caller returns, none waits forever for a round
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedSyncFailsOnlyTheCallersOfThatDirectory() throws IOException {
    SyncBatcher batcher = new SyncBatcher();
    batcher.syncDirectories(List.of(dir));
    assertThatThrownBy(() -> batcher.syncDirectories(List.of(dir, dir.resolve("gone"))))
        .isInstanceOf(NoSuchFileException.class);
    batcher.syncDirectories(List.of(dir)); // a failure leaves no round running
    assertThat(dir).isDirectory();
  }
}
