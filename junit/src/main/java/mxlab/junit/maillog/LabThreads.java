package mxlab.junit.maillog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The thread group of one lab. Every thread a lab's services start descends from the thread that
 * started them, so a maillog line written on any of them can be told apart from the lines of other
 * labs running in parallel in the same JVM, without a registry and without touching the servers.
 */
public final class LabThreads extends ThreadGroup {
  private final List<String> maillog = new CopyOnWriteArrayList<>();

  public LabThreads(String name) {
    super(name);
  }

  /** The lab whose services run on the current thread, if any. */
  static LabThreads current() {
    for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
      if (g instanceof LabThreads lab) {
        return lab;
      }
    }
    return null;
  }

  void record(String line) {
    maillog.add(line);
  }

  /** The maillog lines of this lab so far, oldest first. */
  public List<String> maillog() {
    return List.copyOf(maillog);
  }

  /**
   * Runs {@code work} on a thread of this group and waits for it, so every thread and pool it
   * creates belongs to the lab.
   */
  public <T> T runInside(Work<T> work) throws Exception {
    Object[] result = new Object[1];
    Exception[] failure = new Exception[1];
    Thread t =
        new Thread(
            this,
            () -> {
              try {
                result[0] = work.run();
              } catch (Exception e) {
                failure[0] = e;
              } catch (Error e) {
                failure[0] = new RuntimeException(e);
              }
            },
            getName() + "-start");
    t.start();
    t.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  /** Work that may throw, run inside the lab's thread group. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws Exception;
  }
}
