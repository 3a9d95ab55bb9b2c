package mxlab.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;

/**
 * One client connection of a line protocol: the loop every protocol shares. Received octets are
 * framed into units and handed to the {@link Protocol} one at a time, in order with the
 * connection's own continuations (a delayed answer, a DNS lookup done); replies are collected and
 * written together, and a client that does not read them stops being read ({@link Outbox}); errors
 * in a row close the connection; STARTTLS drops what was sent before the handshake and then takes
 * only decrypted octets.
 *
 * @param <U> the unit of the protocol
 */
public final class Connection<U> {
  static final AttributeKey KEY = new AttributeKey(Connection.class, "connection");

  /** What a reply says, for counting errors in a row (RFC 5321 4.3.2, chasquid's conn.go). */
  public enum Verdict {
    SUCCESS,
    FAILURE,
    NEUTRAL
  }

  private final IoSession io;
  private final Framing<U> framing;
  private final Outbox out;
  private final InetAddress client;
  private Protocol<U> protocol;
  private long deadline = Long.MAX_VALUE;
  private IntSupplier maxErrors = () -> Integer.MAX_VALUE;
  private byte[] tooManyErrors;
  private int errors;
  private boolean paused;
  private boolean handshaking;
  private boolean closing;
  private Duration provenIdle; // set while the client has not proved itself
  private long unprovenUntil = Long.MAX_VALUE;

  /**
   * A client that has not proved itself within this many of its idle times is cut even if it kept
   * talking (CAPA every few seconds, a line an octet at a time): 3 minutes with the default 30 s,
   * Dovecot's login timeout.
   */
  static final int UNPROVEN_IDLES = 6;

  public Connection(IoSession io, Framing<U> framing) {
    this.io = io;
    this.framing = framing;
    this.out = new Outbox(io);
    this.client = ((InetSocketAddress) io.getRemoteAddress()).getAddress();
    io.setAttribute(KEY, this);
  }

  /** The protocol that handles this connection; set once, before {@link #open()}. */
  public void handledBy(Protocol<U> p) {
    this.protocol = p;
  }

  /** After {@code max} failures in a row, {@code reply} is sent and the connection closed. */
  public void closeAfterErrors(IntSupplier max, byte[] reply) {
    this.maxErrors = max;
    this.tooManyErrors = reply;
  }

  /** The whole connection may last this long (SMTP's session_timeout). */
  public void deadline(Duration total) {
    this.deadline = System.nanoTime() + total.toNanos();
  }

  // ------------------------------------------------------------------ events (from the handler)

  void open() {
    protocol.opened();
    flush();
  }

  /** Octets from the client, or one of our own continuations, in order. */
  void received(Object message) {
    if (message instanceof SessionEvents.Resume resume) {
      paused = false;
      resume.action().run();
      pump();
      return;
    }
    IoBuffer buffer;
    if (message instanceof Decrypted d) {
      buffer = d.buffer();
      if (handshaking) {
        handshaking = false;
        framing.clear();
        protocol.secured();
      }
    } else if (message instanceof IoBuffer plain && !tlsActive()) {
      buffer = plain;
    } else {
      return; // plain octets on a TLS session were sent before the handshake (RFC 3207 4.2)
    }
    if (closing) {
      return;
    }
    long now = System.nanoTime();
    if (now > deadline || now > unprovenUntil) {
      protocol.timedOut();
      flush();
      return;
    }
    framing.append(buffer);
    if (pump() == 0) {
      QuickAck.now(io); // part of a unit: its sender may wait for our ACK before the rest
    }
  }

  /** Hands buffered units to the protocol while it may take them; returns how many. */
  private int pump() {
    int handed = 0;
    try {
      while (!paused && !closing && !handshaking && !out.congested()) {
        U unit = framing.next();
        if (unit == null) {
          break;
        }
        handed++;
        protocol.received(unit);
      }
    } catch (IOException | RuntimeException e) {
      protocol.failed(e);
    }
    flush();
    return handed;
  }

  /** A write reached the network; reading resumes once the client has caught up. */
  void sent(Object message) {
    if (out.sent(message)) {
      pump();
    }
  }

  void idle() {
    if (!closing) {
      protocol.timedOut();
      flush();
    }
  }

  void closed() {
    protocol.closed();
  }

  // ------------------------------------------------------------------ replies

  /** Queues a reply, counting failures in a row. */
  public void reply(byte[] wire, Verdict verdict) {
    out.add(wire);
    if (verdict == Verdict.FAILURE) {
      if (++errors >= maxErrors.getAsInt() && !closing && tooManyErrors != null) {
        closeWith(tooManyErrors);
      }
    } else if (verdict == Verdict.SUCCESS) {
      errors = 0;
    }
  }

  /** Sends the queued replies in one write. */
  public void flush() {
    out.flush();
  }

  /**
   * Sends the queued part of a long reply, waiting while the client is still behind on earlier
   * parts (see {@link Outbox#stream()}): runs on the handler's thread only.
   */
  public void stream() {
    out.stream();
  }

  /** Sends {@code wire} last and closes once it is out; nothing more is read. */
  public void closeWith(byte[] wire) {
    out.add(wire);
    flush();
    closing = true;
    io.closeOnFlush();
  }

  // ------------------------------------------------------------------ pauses

  /** Stops reading for {@code delay}, then runs {@code then} in order (a failed login's answer). */
  public void pauseFor(Duration delay, ScheduledExecutorService timer, Runnable then) {
    flush();
    paused = true;
    SessionEvents.resumeAfter(io, timer, delay, then);
  }

  /** Stops reading until {@code stage} completes, then runs {@code then} in order. */
  public void pauseUntil(CompletionStage<?> stage, Runnable then) {
    flush();
    paused = true;
    SessionEvents.resumeWhen(io, stage, then);
  }

  /** Runs {@code action} on this connection's thread, after what was received so far. */
  public void later(Runnable action) {
    SessionEvents.inject(io, new SessionEvents.Resume(action));
  }

  // ------------------------------------------------------------------ TLS, timers, facts

  /**
   * STARTTLS: {@code ready} goes out in the clear, everything after is TLS; what the client sent
   * after its command is dropped. {@link Protocol#secured()} follows the handshake.
   */
  public void startTls(SSLContext context, byte[] ready) {
    flush();
    framing.clear();
    handshaking = true;
    Tls.start(io, context, ready);
  }

  public boolean tlsActive() {
    return Tls.isActive(io);
  }

  /** "TLSv1.3 with cipher ...", or empty. */
  public String tlsDescription() {
    return Tls.describe(io);
  }

  /** How long the client may stay silent before {@link Protocol#timedOut()}. */
  public void idle(Duration d) {
    io.getConfig().setIdleTime(IdleStatus.READER_IDLE, (int) Math.max(1, d.toSeconds()));
  }

  /**
   * Until the client proves itself ({@link #proven()}: SMTP's first command, a POP3 or IMAP login)
   * it may stay silent only {@code unproven}, then {@code proven}: sockets that never talk cannot
   * hold every connection slot for the minutes a session may idle (Postfix's smtpd_timeout under
   * stress, Dovecot's login processes), and in all only {@link #UNPROVEN_IDLES} times {@code
   * unproven}.
   */
  public void idle(Duration unproven, Duration proven) {
    provenIdle = proven;
    unprovenUntil = System.nanoTime() + unproven.multipliedBy(UNPROVEN_IDLES).toNanos();
    idle(unproven.compareTo(proven) < 0 ? unproven : proven);
  }

  /** The client proved itself: it gets the longer idle time from now on. */
  public void proven() {
    if (provenIdle != null) {
      idle(provenIdle);
      provenIdle = null;
      unprovenUntil = Long.MAX_VALUE;
    }
  }

  /** Whether the short idle time of a client that has not proved itself is running. */
  public boolean unproven() {
    return provenIdle != null;
  }

  public InetAddress client() {
    return client;
  }

  /** Why the connection limiter refused this connection, or null when it did not. */
  public Object refusedByLimiter() {
    return io.getAttribute(ConnectionLimiter.REFUSED);
  }
}
