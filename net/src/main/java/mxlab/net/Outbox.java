package mxlab.net;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;

/**
 * A session's replies on their way out: collected while pipelined commands are handled and sent in
 * one write, and counted until MINA reports them sent. A client that sends commands but does not
 * read the answers makes the outbox congested; the outbox then stops reading from it until it
 * drains, so neither memory nor MINA's TLS queue (64 writes at most) can be flooded. One long
 * answer (an IMAP FETCH of a whole folder) goes out in parts at the pace the client reads them.
 */
public final class Outbox {
  private static final int MAX_WRITES = 16;
  private static final long MAX_BYTES = 4L << 20;

  /** Octets of a long answer written and not yet on the network before its maker waits. */
  static final long STREAM_WINDOW = 1L << 20;

  private record Write(WriteFuture future, long bytes) {}

  private final IoSession io;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private int writes;
  private long bytes;
  private boolean holding; // reading stopped for congestion
  private final ArrayDeque<Write> unwritten = new ArrayDeque<>(); // this thread's, not yet out
  private long unwrittenBytes;

  public Outbox(IoSession io) {
    this.io = io;
  }

  public void add(byte[] data) {
    pending.writeBytes(data);
  }

  /** Sends what was added, in one write. */
  public void flush() {
    if (pending.size() == 0) {
      return;
    }
    byte[] data = pending.toByteArray();
    pending.reset();
    boolean hold;
    synchronized (this) {
      writes++;
      bytes += data.length;
      hold = congested() && !holding;
      holding |= hold;
    }
    WriteFuture f = io.write(IoBuffer.wrap(data));
    forgetWritten();
    if (f != null) { // null only from a test's session
      unwritten.add(new Write(f, data.length));
      unwrittenBytes += data.length;
    }
    if (hold) {
      // the client is not reading our answers: stop reading its commands
      ReadGate.hold(io, ReadGate.Reason.CONGESTED);
    }
  }

  /**
   * Sends what was added, then waits while more than {@link #STREAM_WINDOW} octets are still on
   * their way out: the caller, making a long answer, goes on only as fast as the client reads it.
   * The wait is on MINA's write futures, which its I/O thread completes (messageSent itself would
   * queue behind the caller on the session's ordered executor); a closed session ends it.
   */
  public void stream() {
    flush();
    forgetWritten();
    while (unwrittenBytes > STREAM_WINDOW && !io.isClosing()) {
      unwritten.peek().future().awaitUninterruptibly(1000);
      forgetWritten();
    }
  }

  private void forgetWritten() {
    while (!unwritten.isEmpty() && unwritten.peek().future().isDone()) {
      unwrittenBytes -= unwritten.poll().bytes();
    }
  }

  /**
   * Called from messageSent; true if that freed a congested outbox, whose session then reads again
   * and should go on with the commands it holds.
   */
  public boolean sent(Object message) {
    if (!(message instanceof IoBuffer b)) {
      return false;
    }
    synchronized (this) {
      writes = Math.max(0, writes - 1);
      bytes = Math.max(0, bytes - b.limit());
      if (!holding || congested()) {
        return false;
      }
      holding = false;
    }
    ReadGate.release(io, ReadGate.Reason.CONGESTED);
    return true;
  }

  public synchronized boolean congested() {
    return writes >= MAX_WRITES || bytes >= MAX_BYTES;
  }
}
