package mxlab.web.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import mxlab.core.log.MailLogFeed;
import mxlab.store.Folder;
import mxlab.web.auth.Sessions;
import mxlab.web.auth.Sessions.Session;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;
import mxlab.web.http.WebLimits;

/**
 * Server-Sent Events (HTML Living Standard 9.2): a mailbox's changes and the mail log as they
 * happen. Each stream holds a handler thread, so there are at most {@link WebLimits#MAX_STREAMS} at
 * once, {@link WebLimits#STREAMS_PER_SESSION} of one session (one browser cannot take them all),
 * and each ends after {@link WebLimits#STREAM_TIME} or within a second of its session's logout; the
 * browser's EventSource reconnects by itself after the {@code retry} delay.
 */
final class LiveStreams {
  private static final long HEARTBEAT_MILLIS = 15_000;
  private static final int MAX_PENDING = 1000;

  private final Semaphore slots = new Semaphore(WebLimits.MAX_STREAMS);
  private final Map<String, Integer> perSession = new ConcurrentHashMap<>();
  private final Sessions sessions;

  LiveStreams(Sessions sessions) {
    this.sessions = sessions;
  }

  /** Sends "event: mailbox" with the message count whenever the folder changes. */
  void mailbox(Request r, Session s, Folder folder) throws IOException, HttpError {
    BlockingQueue<String> wake = new LinkedBlockingQueue<>(MAX_PENDING);
    stream(
        r,
        s,
        () -> folder.listen(change -> wake.offer("")),
        out -> {
          long lastNext = -1;
          int lastCount = -1;
          long until = System.currentTimeMillis() + WebLimits.STREAM_TIME.toMillis();
          long lastSent = System.currentTimeMillis();
          while (System.currentTimeMillis() < until && sessions.isLive(s)) {
            long next = folder.uidNext();
            int count = folder.messages().size();
            if (next != lastNext || count != lastCount) {
              send(out, "mailbox", "{\"messages\":" + count + ",\"uidNext\":" + next + "}");
              lastNext = next;
              lastCount = count;
              lastSent = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastSent > HEARTBEAT_MILLIS) {
              comment(out);
              lastSent = System.currentTimeMillis();
            }
            // a delivery by another process shows at the next look, one second at most
            wake.poll(1, TimeUnit.SECONDS);
          }
        });
  }

  /** Sends the recent mail log lines, then each new one as it is written. */
  void maillog(Request r, Session s) throws IOException, HttpError {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>(MAX_PENDING);
    stream(
        r,
        s,
        () -> MailLogFeed.subscribe(line -> lines.offer(line.display())),
        out -> {
          for (MailLogFeed.Line line : MailLogFeed.recent()) {
            send(out, "line", line.display());
          }
          long until = System.currentTimeMillis() + WebLimits.STREAM_TIME.toMillis();
          long lastSent = System.currentTimeMillis();
          while (System.currentTimeMillis() < until && sessions.isLive(s)) {
            // a second at most between looks, so that a logout ends the stream soon
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
              send(out, "line", line);
              lastSent = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastSent > HEARTBEAT_MILLIS) {
              comment(out);
              lastSent = System.currentTimeMillis();
            }
          }
        });
  }

  @FunctionalInterface
  private interface Subscription {
    AutoCloseable open() throws IOException;
  }

  @FunctionalInterface
  private interface Body {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private void stream(Request r, Session s, Subscription subscription, Body body)
      throws IOException, HttpError {
    if (perSession.merge(s.id(), 1, Integer::sum) > WebLimits.STREAMS_PER_SESSION) {
      leave(s);
      r.responseHeader("Retry-After", "10");
      throw new HttpError(429, "too many live views open in this browser; close a tab");
    }
    if (!slots.tryAcquire()) {
      leave(s);
      r.responseHeader("Retry-After", "10");
      throw new HttpError(503, "too many live views open; try again soon");
    }
    try (AutoCloseable sub = subscription.open()) {
      r.responseHeader("X-Accel-Buffering", "no");
      OutputStream out = r.stream("text/event-stream; charset=utf-8");
      out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      body.write(out);
      out.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the browser went away: the stream just ends
    } catch (Exception e) {
      throw new IOException(e);
    } finally {
      slots.release();
      leave(s);
    }
  }

  private void leave(Session s) {
    perSession.computeIfPresent(s.id(), (id, n) -> n == 1 ? null : n - 1);
  }

  /** One event; a line break in the data would end the field, so data is one line (escaped). */
  private static void send(OutputStream out, String event, String data) throws IOException {
    String oneLine = data.replace("\r", "\\r").replace("\n", "\\n");
    out.write(("event: " + event + "\ndata: " + oneLine + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void comment(OutputStream out) throws IOException {
    out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
