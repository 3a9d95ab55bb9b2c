package mxlab.imap.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import mxlab.core.text.Printable;
import mxlab.imap.command.ImapCommands;
import mxlab.imap.parse.CommandAssembler;
import mxlab.imap.session.ImapConnection;
import mxlab.imap.session.ImapEnvironment;
import mxlab.imap.session.ImapSession;
import mxlab.net.Connection;
import mxlab.net.Protocol;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ImapSession} on a network {@link Connection}: commands as the assembler completes them,
 * the session's output through the connection's outbox, STARTTLS, and the autologout timer.
 */
final class ImapTransport implements Protocol<CommandAssembler.Event>, ImapConnection {
  private static final Logger log = LoggerFactory.getLogger(ImapTransport.class);

  /** RFC 3501 5.4: an autologout timer of at least 30 minutes; IDLE clients renew within 29. */
  static final Duration AUTOLOGOUT = Duration.ofMinutes(30);

  /** Command text and small literals of one command (Dovecot's imap_max_line_length). */
  static final int MAX_LINE = 64 * 1024;

  private static final byte[] NOTHING = new byte[0];

  private final Connection<CommandAssembler.Event> conn;
  private final SSLContext tls;
  private final ImapSession session;
  private final Duration preauthTimeout;

  ImapTransport(IoSession io, ImapEnvironment env, ImapCommands commands, SSLContext tls) {
    this.conn =
        new Connection<>(
            io, new ImapFraming(new CommandAssembler.Limits(MAX_LINE, env.maxMessageSize())));
    this.tls = tls;
    this.session = new ImapSession(this, env, commands);
    this.preauthTimeout = env.limits().preauthTimeout();
    conn.handledBy(this);
  }

  Connection<CommandAssembler.Event> connection() {
    return conn;
  }

  // ------------------------------------------------------------------ Protocol

  @Override
  public void opened() {
    if (conn.refusedByLimiter() != null) {
      conn.closeWith(line("* BYE Too many connections, try again later"));
      return;
    }
    conn.idle(preauthTimeout, AUTOLOGOUT);
    session.open();
  }

  @Override
  public void received(CommandAssembler.Event event) {
    if (event instanceof CommandAssembler.Complete c) {
      session.command(c.command());
    } else if (event instanceof CommandAssembler.GoAhead) {
      session.goAhead();
    } else if (event instanceof CommandAssembler.Dropped d) {
      session.dropped(d.tag(), d.reason());
    }
  }

  @Override
  public void secured() {
    // RFC 3501 6.2.1: the client asks CAPABILITY again; nothing learned in the clear is kept
  }

  @Override
  public void timedOut() {
    session.idleTimeout(conn.unproven());
  }

  @Override
  public void failed(Exception e) {
    log.warn(
        "imap: session of {} failed: {}", conn.client().getHostAddress(), Printable.escape(e), e);
    conn.closeWith(line("* BYE Internal error"));
  }

  @Override
  public void closed() {
    session.closed();
  }

  // ------------------------------------------------------------------ ImapConnection

  @Override
  public void send(byte[] octets) {
    conn.reply(octets, Connection.Verdict.NEUTRAL); // the session counts its own errors
  }

  @Override
  public void flush() {
    conn.flush();
  }

  @Override
  public void stream() {
    conn.stream();
  }

  @Override
  public void close() {
    conn.closeWith(NOTHING);
  }

  @Override
  public void loggedIn() {
    conn.proven();
  }

  @Override
  public void startTls(byte[] ready) {
    conn.startTls(tls, ready);
  }

  @Override
  public boolean secure() {
    return conn.tlsActive();
  }

  @Override
  public InetAddress client() {
    return conn.client();
  }

  @Override
  public void execute(Runnable r) {
    conn.later(r);
  }

  private static byte[] line(String s) {
    return (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
