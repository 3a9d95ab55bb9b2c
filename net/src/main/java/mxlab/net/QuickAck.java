package mxlab.net;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import jdk.net.ExtendedSocketOptions;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * Acknowledges what a connection received at once instead of after Linux's delayed-ACK timer (40
 * ms). It matters when the client sent part of a command and waits: with Nagle's algorithm on, as
 * in Python's imaplib, the CRLF after an IMAP literal is held back until the literal is
 * acknowledged, and we have nothing to answer that would carry the ACK. Dovecot does the same
 * (TCP_QUICKACK after each flush). Where the option does not exist it is a no-op.
 */
final class QuickAck {
  private static final SocketOption<Boolean> OPTION = quickAck();

  private QuickAck() {}

  static void now(IoSession io) {
    if (OPTION == null || !(io instanceof NioSession nio)) {
      return;
    }
    if (nio.getChannel() instanceof NetworkChannel ch && ch.isOpen()) {
      try {
        ch.setOption(OPTION, true);
      } catch (IOException | UnsupportedOperationException e) {
        // closed meanwhile, or not a TCP socket: nothing to acknowledge
      }
    }
  }

  private static SocketOption<Boolean> quickAck() {
    try {
      return ExtendedSocketOptions.TCP_QUICKACK;
    } catch (NoClassDefFoundError | NoSuchFieldError e) {
      return null;
    }
  }
}
