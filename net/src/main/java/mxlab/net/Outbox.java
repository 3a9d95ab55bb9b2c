package mxlab.net;

import java.io.ByteArrayOutputStream;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;

/**
 * A session's replies on their way out: collected while pipelined commands are handled and sent in
 * one write, and counted until MINA reports them sent. A client that sends commands but does not
 * read the answers makes the outbox congested; the outbox then stops reading from it until it
 * drains, so neither memory nor MINA's TLS queue (64 writes at most) can be flooded.
 */
public final class Outbox {
  private static final int MAX_WRITES = 16;
  private static final long MAX_BYTES = 4L << 20;

  private final IoSession io;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private int writes;
  private long bytes;
  private boolean holding; // reading stopped for congestion

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
    io.write(IoBuffer.wrap(data));
    if (hold) {
      // the client is not reading our answers: stop reading its commands
      ReadGate.hold(io, ReadGate.Reason.CONGESTED);
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
