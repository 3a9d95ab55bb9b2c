package mxlab.net;

import java.util.EnumSet;
import java.util.Set;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Why a session is not reading its client now. MINA's suspendRead and resumeRead do not count, so
 * every reason goes through here: reading resumes only when the last one is released (a login delay
 * ending must not undo a hold for congestion).
 */
public final class ReadGate {
  public enum Reason {
    /** The client does not read our answers ({@link Outbox}). */
    CONGESTED,
    /** A delayed answer is pending ({@link SessionEvents#resumeAfter}). */
    PAUSED
  }

  private static final AttributeKey HOLDS = new AttributeKey(ReadGate.class, "holds");

  private ReadGate() {}

  public static void hold(IoSession io, Reason why) {
    Set<Reason> holds = holds(io);
    synchronized (holds) {
      if (holds.isEmpty()) {
        io.suspendRead();
      }
      holds.add(why);
    }
  }

  public static void release(IoSession io, Reason why) {
    Set<Reason> holds = holds(io);
    synchronized (holds) {
      if (holds.remove(why) && holds.isEmpty()) {
        io.resumeRead();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<Reason> holds(IoSession io) {
    Set<Reason> fresh = EnumSet.noneOf(Reason.class);
    Object old = io.setAttributeIfAbsent(HOLDS, fresh);
    return old == null ? fresh : (Set<Reason>) old;
  }
}
