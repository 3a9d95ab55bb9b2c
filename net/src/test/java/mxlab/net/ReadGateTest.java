package mxlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Test;

/** Reading stops for congestion and for a login delay, and resumes only when both are over. */
class ReadGateTest {
  /** The calls that matter, recorded: suspendRead, resumeRead, and the session's attributes. */
  private final List<String> calls = new ArrayList<>();

  private final IoSession io =
      (IoSession)
          Proxy.newProxyInstance(
              IoSession.class.getClassLoader(),
              new Class<?>[] {IoSession.class},
              new java.lang.reflect.InvocationHandler() {
                private final Map<Object, Object> attributes = new HashMap<>();

                @Override
                public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args) {
                  switch (m.getName()) {
                    case "suspendRead", "resumeRead" -> calls.add(m.getName());
                    case "setAttributeIfAbsent" -> {
                      return attributes.putIfAbsent(args[0], args[1]);
                    }
                    default -> {
                      // writes and the rest: nothing to record
                    }
                  }
                  return m.getReturnType() == boolean.class ? false : null;
                }
              });

  @Test
  void readingResumesOnlyWhenTheLastReasonIsReleased() {
    ReadGate.hold(io, ReadGate.Reason.CONGESTED);
    ReadGate.hold(io, ReadGate.Reason.PAUSED);
    ReadGate.release(io, ReadGate.Reason.PAUSED); // the login delay ends while still congested
    assertThat(calls).containsExactly("suspendRead");
    ReadGate.release(io, ReadGate.Reason.CONGESTED);
    ReadGate.release(io, ReadGate.Reason.CONGESTED); // twice: no second resume
    assertThat(calls).containsExactly("suspendRead", "resumeRead");
  }

  @Test
  void aClientThatDoesNotReadIsNotReadEither() {
    Outbox out = new Outbox(io);
    List<IoBuffer> written = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(new byte[] {'2', '5', '0', '\r', '\n'});
      out.flush();
      written.add(IoBuffer.allocate(5).limit(5));
    }
    assertThat(out.congested()).isTrue();
    assertThat(calls).containsExactly("suspendRead");
    boolean resumed = false;
    for (IoBuffer b : written) {
      resumed |= out.sent(b);
    }
    assertThat(resumed).as("the session is told to go on").isTrue();
    assertThat(out.congested()).isFalse();
    assertThat(calls).containsExactly("suspendRead", "resumeRead");
  }
}
