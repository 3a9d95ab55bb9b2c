package mxlab.junit.maillog;

import mxlab.core.log.MailLogFeed;

/**
 * Copies each line of the mail log to the lab whose thread wrote it ({@link LabThreads}). It reads
 * {@link MailLogFeed}, which hears every line on the writing thread whatever SLF4J is bound to and
 * however the user configured it; it is subscribed once per JVM and keeps no state.
 */
public final class MaillogCapture {
  private static boolean installed;

  private MaillogCapture() {}

  public static synchronized void install() {
    if (installed) {
      return;
    }
    MailLogFeed.subscribe(
        line -> {
          LabThreads lab = LabThreads.current();
          if (lab != null) {
            lab.record(line.text());
          }
        });
    installed = true;
  }
}
