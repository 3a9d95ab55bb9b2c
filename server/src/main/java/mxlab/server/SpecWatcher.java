package mxlab.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** `up --watch`: reloads when the spec file is written (editors write it in bursts). */
public final class SpecWatcher {
  private static final Logger log = LoggerFactory.getLogger(SpecWatcher.class);
  private static final long SETTLE_MILLIS = 300;

  private SpecWatcher() {}

  public static void watch(Path file, Runnable reload) throws IOException {
    Path absolute = file.toAbsolutePath();
    WatchService watcher = FileSystems.getDefault().newWatchService();
    absolute
        .getParent()
        .register(
            watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
    Thread t =
        new Thread(
            () -> {
              while (true) {
                WatchKey key;
                try {
                  key = watcher.take();
                  boolean ours = false;
                  for (WatchEvent<?> e : key.pollEvents()) {
                    ours |= absolute.getFileName().equals(e.context());
                  }
                  key.reset();
                  if (ours) {
                    Thread.sleep(SETTLE_MILLIS);
                    watcher.poll(); // the rest of the burst
                    reload.run();
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "spec-watch");
    t.setDaemon(true);
    t.start();
    log.info("watching {} for changes", absolute);
  }
}
