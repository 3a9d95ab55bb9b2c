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

/**
 * Group commit for directory syncs. A message is durable only once the directory entries that name
 * it are on disk, so every delivery ends with fsync of its directories. Concurrent deliveries into
 * the same directories share rounds: one caller syncs each distinct directory the waiting requests
 * name once and releases everybody in the round, while those that came meanwhile wait for the next
 * round, run by one of them. Under load many messages share one fsync; alone, a caller syncs on its
 * own thread without handing over to another (a thread switch costs more than the fsync on a busy
 * machine). Nothing is skipped: a round starts after every request it serves was made.
 */
public final class SyncBatcher implements AutoCloseable {
  private static final class Request {
    final Set<Path> directories;
    boolean done;
    IOException failure;

    Request(Set<Path> directories) {
      this.directories = directories;
    }
  }

  private final Object lock = new Object();
  private List<Request> waiting = new ArrayList<>();
  private boolean syncing; // a round runs

  /** Returns once every directory in {@code directories} has been synced. */
  public void syncDirectories(Collection<Path> directories) throws IOException {
    if (directories.isEmpty()) {
      return;
    }
    Request mine = new Request(new LinkedHashSet<>(directories));
    List<Request> round;
    synchronized (lock) {
      waiting.add(mine);
      while (true) {
        if (mine.done) {
          failed(mine);
          return; // a round that started after ours was made covered it
        }
        if (!syncing) {
          break; // lead the next round
        }
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for fsync", e);
        }
      }
      syncing = true;
      round = waiting;
      waiting = new ArrayList<>();
    }
    try {
      run(round);
    } finally {
      synchronized (lock) {
        syncing = false;
        lock.notifyAll();
      }
    }
    failed(mine);
  }

  private static void failed(Request r) throws IOException {
    if (r.failure != null) {
      throw r.failure;
    }
  }

  /** One round: each distinct directory once, then everybody in it is told. */
  private void run(List<Request> round) {
    Set<Path> all = new LinkedHashSet<>();
    round.forEach(r -> all.addAll(r.directories));
    Map<Path, IOException> failed = new HashMap<>();
    for (Path dir : all) {
      try {
        fsync(dir);
      } catch (IOException e) {
        failed.put(dir, e);
      }
    }
    synchronized (lock) {
      for (Request r : round) {
        r.failure =
            r.directories.stream().map(failed::get).filter(e -> e != null).findFirst().orElse(null);
        r.done = true;
      }
    }
  }

  /** fsync(2) of a file or directory. */
  public static void fsync(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Nothing to release: rounds run on the callers' threads. */
  @Override
  public void close() {}
}
