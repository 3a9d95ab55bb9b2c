package mxlab.imap.session;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A transport for tests: records what the session sends; {@link #execute} queues, and the test
 * thread runs the queue (so timers and other sessions' changes reach the session as on a socket).
 */
final class FakeConnection implements ImapConnection {
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final InetAddress client;
  private boolean secure;
  boolean closed;
  int tlsStarts;
  int streamed;

  FakeConnection(InetAddress client, boolean secure) {
    this.client = client;
    this.secure = secure;
  }

  @Override
  public synchronized void send(byte[] octets) {
    sent.write(octets, 0, octets.length);
  }

  @Override
  public void flush() {}

  @Override
  public void loggedIn() {}

  @Override
  public void stream() {
    streamed++;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void startTls(byte[] ready) {
    send(ready);
    tlsStarts++;
    secure = true;
  }

  @Override
  public boolean secure() {
    return secure;
  }

  @Override
  public InetAddress client() {
    return client;
  }

  @Override
  public void execute(Runnable r) {
    queue.add(r);
  }

  /** Runs what is queued now. */
  void runQueued() {
    Runnable r;
    while ((r = queue.poll()) != null) {
      r.run();
    }
  }

  /** Waits up to {@code millis} for one queued task and runs it (and the rest); false if none. */
  boolean runNext(long millis) throws InterruptedException {
    Runnable r = queue.poll(millis, TimeUnit.MILLISECONDS);
    if (r == null) {
      return false;
    }
    r.run();
    runQueued();
    return true;
  }

  /** Everything sent since the last call. */
  synchronized byte[] take() {
    byte[] b = sent.toByteArray();
    sent.reset();
    return b;
  }
}
