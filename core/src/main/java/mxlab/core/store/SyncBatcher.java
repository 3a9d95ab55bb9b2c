package mxlab.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for directory syncs. A message is durable only once the directory entries that name
 * it are on disk, so every delivery ends with fsync of its directories. Concurrent deliveries into
 * the same directories hand their requests to one thread, which syncs each distinct directory once
 * per round and releases everybody waiting on it: under load many messages share one fsync instead
 * of each paying for its own. Nothing is skipped.
 */
public final class SyncBatcher implements AutoCloseable {
  private record Request(Set<Path> directories, CompletableFuture<Void> done) {}

  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  public SyncBatcher() {
    thread = new Thread(this::run, "fsync-batcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Returns once every directory in {@code directories} has been synced. */
  public void syncDirectories(Collection<Path> directories) throws IOException {
    if (directories.isEmpty()) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    requests.add(new Request(new LinkedHashSet<>(directories), done));
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for fsync", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  private void run() {
    List<Request> batch = new ArrayList<>();
    while (running) {
      try {
        batch.add(requests.take());
      } catch (InterruptedException e) {
        return;
      }
      requests.drainTo(batch);
      Set<Path> all = new LinkedHashSet<>();
      batch.forEach(r -> all.addAll(r.directories()));
      Map<Path, IOException> failed = new HashMap<>();
      for (Path dir : all) {
        try {
          fsync(dir);
        } catch (IOException e) {
          failed.put(dir, e);
        }
      }
      for (Request r : batch) {
        IOException error =
            r.directories().stream()
                .map(failed::get)
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
        if (error == null) {
          r.done().complete(null);
        } else {
          r.done().completeExceptionally(error);
        }
      }
      batch.clear();
    }
  }

  /** fsync(2) of a file or directory. */
  public static void fsync(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
