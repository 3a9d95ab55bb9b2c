package mxlab.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import mxlab.core.reply.SmtpReply;
import mxlab.net.Decrypted;
import mxlab.net.Line;
import mxlab.net.LineBuffer;
import mxlab.net.Tls;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * One outbound SMTP connection. MINA does the I/O and TLS; this gives the delivery code a blocking
 * dialogue: send lines, read replies with a timeout (RFC 5321 4.5.3.2).
 */
final class ClientConnection implements AutoCloseable {
  static final AttributeKey KEY = new AttributeKey(ClientConnection.class, "connection");

  /** Replies are at most 512 octets a line (RFC 5321 4.5.3.1.5); be generous with servers. */
  private static final int MAX_LINE = 4096;

  private static final Object CLOSED = new Object();

  private final IoSession io;
  private final LineBuffer lines = new LineBuffer();
  private final List<String> partial = new ArrayList<>();
  private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();

  private ClientConnection(IoSession io) {
    this.io = io;
  }

  /**
   * Connects from {@code source} (our listen address, as Postfix's smtp_bind_address) when it is a
   * specific address of the same family, else from whatever the system picks.
   */
  static ClientConnection open(
      NioSocketConnector connector, InetSocketAddress address, InetAddress source, Duration timeout)
      throws IOException {
    boolean bind =
        source != null
            && !source.isAnyLocalAddress()
            && source.getClass() == address.getAddress().getClass();
    ConnectFuture future =
        bind
            ? connector.connect(address, new InetSocketAddress(source, 0))
            : connector.connect(address);
    if (!future.awaitUninterruptibly(timeout.toMillis())) {
      future.cancel();
      throw new IOException("connect to " + address + " timed out");
    }
    if (!future.isConnected()) {
      Throwable cause = future.getException();
      throw new IOException(
          "connect to " + address + ": " + (cause == null ? "failed" : cause.getMessage()), cause);
    }
    IoSession io = future.getSession();
    ClientConnection c = new ClientConnection(io);
    synchronized (io) { // the greeting may have come before we were ready; the handler kept it
      io.setAttribute(KEY, c);
      @SuppressWarnings("unchecked")
      List<Object> early = (List<Object>) io.removeAttribute(ClientHandler.EARLY);
      if (early != null) {
        early.forEach(c::received);
      }
    }
    return c;
  }

  /** From the handler, in MINA's thread: bytes in, complete replies out to the queue. */
  synchronized void received(Object message) {
    IoBuffer buffer = message instanceof Decrypted d ? d.buffer() : (IoBuffer) message;
    lines.append(buffer);
    Line line;
    while ((line = lines.next(MAX_LINE)) != null) {
      String text = line.tooLong() ? "" : line.text();
      if (text.length() < 3
          || !text.substring(0, 3).chars().allMatch(Character::isDigit)
          || (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-')) {
        replies.add(new IOException("not an SMTP reply: " + text));
        continue;
      }
      partial.add(text);
      if (text.length() == 3 || text.charAt(3) != '-') {
        replies.add(SmtpReply.parse(String.join("\r\n", partial)).orElseThrow());
        partial.clear();
      }
    }
  }

  void closed() {
    replies.add(CLOSED);
  }

  /** The next reply, or IOException on timeout or a closed connection. */
  SmtpReply read(Duration timeout) throws IOException {
    Object o;
    try {
      o = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (o == null) {
      throw new IOException("timeout after " + timeout.toSeconds() + "s waiting for the server");
    }
    if (o == CLOSED) {
      replies.add(CLOSED);
      throw new IOException("the server closed the connection");
    }
    if (o instanceof IOException e) {
      throw e;
    }
    return (SmtpReply) o;
  }

  /** Sends lines, CRLF-terminated, in one write (PIPELINING, RFC 2920). */
  void send(String... commands) {
    StringBuilder b = new StringBuilder();
    for (String c : commands) {
      b.append(c).append("\r\n");
    }
    write(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  void write(byte[] bytes) {
    io.write(IoBuffer.wrap(bytes));
  }

  /** After 220 to STARTTLS: the handshake, opportunistic (no certificate check). */
  void startTls(SSLContext context, Duration timeout) throws IOException {
    io.getFilterChain().addFirst("tls", Tls.filter(context));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Tls.sslSession(io) == null) {
      if (!io.isConnected() || System.nanoTime() > deadline) {
        throw new IOException("TLS handshake failed");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
  }

  String tlsDescription() {
    return Tls.describe(io);
  }

  @Override
  public void close() {
    io.closeNow();
  }
}
