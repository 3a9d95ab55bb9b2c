package mxlab.core.queue;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Queue ids like Postfix's: short, unique, sortable by arrival, safe as file names. */
public final class QueueIds {
  private static final AtomicInteger COUNTER = new AtomicInteger(new SecureRandom().nextInt());

  private QueueIds() {}

  public static String next() {
    String time = Long.toString(System.currentTimeMillis(), 36);
    String n = Integer.toString((COUNTER.incrementAndGet() & 0xFFFFF) | 0x100000, 36);
    return (time + n).toUpperCase(Locale.ROOT);
  }

  public static boolean valid(String id) {
    return id.matches("[0-9A-Z]{8,20}");
  }
}
