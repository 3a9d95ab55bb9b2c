package mxlab.pop3.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import mxlab.core.auth.accounts.Credentials;
import mxlab.core.auth.sasl.SaslExchange;
import mxlab.core.auth.sasl.SaslSteps;
import mxlab.core.log.MailLog;
import mxlab.core.site.Site;
import mxlab.core.spec.Limits;
import mxlab.core.text.Printable;
import mxlab.net.Connection;
import mxlab.net.Line;
import mxlab.net.LineFraming;
import mxlab.net.Protocol;
import mxlab.pop3.command.Pop3Commands;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.store.Mailbox;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One POP3 connection: login, the maildrop while in TRANSACTION, and the line pump. */
public final class Pop3Session implements Protocol<Line> {
  private static final Logger log = LoggerFactory.getLogger(Pop3Session.class);
  private static final MailLog maillog = MailLog.get();

  /** RFC 2449 4: command lines are at most 255 octets; SASL responses may be longer. */
  private static final int COMMAND_LINE = 255;

  private static final int SASL_LINE = 12288;

  private final Connection<Line> conn;
  private final Pop3Environment env;
  private final Site site;
  private final Pop3Commands commands;
  private final InetAddress clientAddress;
  private final String apopTimestamp;

  private Pop3State state = Pop3State.AUTHORIZATION;
  private String user;
  private Credentials.Account account;
  private SessionMaildrop maildrop;
  private AutoCloseable lock;
  private SaslExchange sasl;
  private int authFailures;

  public Pop3Session(IoSession io, Pop3Environment env, Pop3Commands commands) {
    // the limit is read at each line: SASL responses may be longer than commands
    this.conn =
        new Connection<>(io, new LineFraming(() -> sasl != null ? SASL_LINE : COMMAND_LINE));
    this.env = env;
    this.site = env.site().get();
    this.commands = commands;
    this.clientAddress = conn.client();
    conn.closeAfterErrors(() -> limits().maxErrors(), Pop3Reply.TOO_MANY_ERRORS);
    // RFC 1939 7: APOP only where a clear secret makes the digest checkable
    this.apopTimestamp =
        site.credentials().anyPlaintext()
            ? "<"
                + ProcessHandle.current().pid()
                + "."
                + System.nanoTime()
                + "@"
                + site.hostname()
                + ">"
            : null;
    conn.handledBy(this);
  }

  public Connection<Line> connection() {
    return conn;
  }

  @Override
  public void opened() {
    if (conn.refusedByLimiter() != null) {
      closeWith(Pop3Reply.TOO_MANY_CONNECTIONS);
      return;
    }
    conn.idle(limits().preauthTimeout(), limits().pop3Timeout());
    reply(Pop3Reply.ok("mxlab POP3 ready" + (apopTimestamp == null ? "" : " " + apopTimestamp)));
  }

  @Override
  public void received(Line line) throws IOException {
    if (line.tooLong()) {
      reply(Pop3Reply.LINE_TOO_LONG);
    } else if (sasl != null) {
      saslOutcome(SaslSteps.respond(sasl, line.text(), site.credentials()));
    } else {
      commands.dispatch(this, line.text());
    }
  }

  @Override
  public void failed(Exception e) {
    log.warn(
        "pop3: session of {} failed: {}", clientAddress.getHostAddress(), Printable.escape(e), e);
    closeWith(Pop3Reply.err("[SYS/TEMP] Internal error"));
  }

  /** RFC 2595 4: nothing from before the handshake counts. */
  @Override
  public void secured() {
    user = null;
    state = Pop3State.AUTHORIZATION;
  }

  /**
   * RFC 1939 3: the autologout timer ran out; nothing marked deleted is removed. Before a login the
   * shorter preauth_timeout runs (the 10 minutes are for a session in TRANSACTION).
   */
  @Override
  public void timedOut() {
    closeWith(conn.unproven() ? Pop3Reply.PREAUTH_TIMEOUT : Pop3Reply.TIMEOUT);
  }

  /** The connection is gone: the lock is released, and a dropped session deletes nothing. */
  @Override
  public void closed() {
    unlock();
  }

  private void unlock() {
    if (lock != null) {
      try {
        lock.close();
      } catch (Exception e) {
        log.warn("pop3: releasing a maildrop failed: {}", Printable.escape(e));
      }
      lock = null;
    }
  }

  // ------------------------------------------------------------------ replies

  public void reply(byte[] reply) {
    conn.reply(
        reply, Pop3Reply.isError(reply) ? Connection.Verdict.FAILURE : Connection.Verdict.SUCCESS);
  }

  /** A multi-line reply already stuffed and terminated. */
  public void replyRaw(byte[] status, ByteArrayOutputStream body) {
    conn.reply(status, Connection.Verdict.SUCCESS);
    conn.reply(body.toByteArray(), Connection.Verdict.NEUTRAL);
  }

  public void flush() {
    conn.flush();
  }

  public void closeWith(byte[] reply) {
    conn.closeWith(reply);
  }

  // ------------------------------------------------------------------ login

  /** Whether USER/PASS and PLAIN may be used now: over TLS, or where the spec allows it. */
  public boolean plaintextAllowed() {
    return tlsActive() || site.spec().server().allowPlaintextAuth();
  }

  public void setUser(String name) {
    user = name;
  }

  public String user() {
    return user;
  }

  public void login(String login, String password) throws IOException {
    Optional<Credentials.Account> a = site.credentials().authenticate(login, password);
    if (a.isPresent()) {
      loggedIn(a.get());
    } else {
      loginFailed(login);
    }
  }

  /** APOP (RFC 1939 7): MD5 of the greeting's timestamp and the clear secret. */
  public void apop(String login, String digest) throws IOException {
    Optional<Credentials.Account> a = site.credentials().account(login);
    Optional<String> secret = a.flatMap(x -> x.password().plaintext());
    if (apopTimestamp == null || secret.isEmpty()) {
      loginFailed(login);
      return;
    }
    String expected = md5Hex(apopTimestamp + secret.get());
    if (MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        digest.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
      loggedIn(a.get());
    } else {
      loginFailed(login);
    }
  }

  public void beginSasl(SaslExchange exchange, byte[] initialResponse) throws IOException {
    sasl = exchange;
    saslOutcome(SaslSteps.start(exchange, initialResponse, site.credentials()));
  }

  private void saslOutcome(SaslSteps.Outcome outcome) throws IOException {
    if (outcome instanceof SaslSteps.Challenge c) {
      conn.reply(Pop3Reply.line("+ " + c.base64()), Connection.Verdict.NEUTRAL); // RFC 5034 4
      return;
    }
    sasl = null;
    if (outcome instanceof SaslSteps.Success s) {
      loggedIn(s.account());
    } else if (outcome instanceof SaslSteps.Failure f) {
      loginFailed(f.login());
    } else if (outcome instanceof SaslSteps.Cancelled) {
      reply(Pop3Reply.AUTH_CANCELLED);
    } else {
      reply(Pop3Reply.SYNTAX);
    }
  }

  private void loggedIn(Credentials.Account a) throws IOException {
    env.throttle().succeeded(clientAddress);
    user = null;
    try {
      Mailbox box = env.store().mailbox(a.mailbox().domain(), a.mailbox().user());
      Optional<AutoCloseable> held = box.tryLock();
      if (held.isEmpty()) {
        reply(Pop3Reply.IN_USE);
        return;
      }
      lock = held.get();
      maildrop = new SessionMaildrop(box.inbox());
    } catch (IOException e) {
      unlock();
      log.error("pop3: cannot read the mailbox of {}: {}", Printable.escapeAll(a.mailbox(), e));
      reply(Pop3Reply.MAILBOX_ERROR);
      return;
    }
    account = a;
    state = Pop3State.TRANSACTION;
    conn.proven();
    maillog.info(
        "pop3: client=[{}] user={} login=ok messages={}",
        Printable.escapeAll(clientAddress.getHostAddress(), a.mailbox(), maildrop.count()));
    reply(
        Pop3Reply.ok(
            "maildrop has " + maildrop.count() + " messages (" + maildrop.size() + " octets)"));
  }

  /** Answered only after a delay that grows per client address; too many close the session. */
  private void loginFailed(String login) {
    user = null;
    authFailures++;
    Duration delay = env.throttle().failed(clientAddress);
    boolean last = authFailures >= limits().authFailures();
    maillog.info(
        "pop3: client=[{}] user={} login=failed delay={}ms",
        Printable.escapeAll(clientAddress.getHostAddress(), login, delay.toMillis()));
    conn.pauseFor(
        delay,
        env.timer(),
        () -> {
          conn.reply(Pop3Reply.AUTH_FAILED, Connection.Verdict.NEUTRAL);
          if (last) {
            closeWith(Pop3Reply.TOO_MANY_FAILURES);
          }
        });
  }

  // ------------------------------------------------------------------ QUIT, TLS

  /** QUIT: in TRANSACTION the UPDATE state applies deletions first (RFC 1939 6). */
  public void quit() throws IOException {
    if (state == Pop3State.TRANSACTION) {
      state = Pop3State.UPDATE;
      int failed = maildrop.commit();
      int left = maildrop.count();
      unlock();
      account = null;
      closeWith(
          failed == 0
              ? Pop3Reply.ok("mxlab POP3 signing off (" + left + " messages left)")
              : Pop3Reply.err("[SYS/TEMP] " + failed + " messages could not be removed"));
    } else {
      closeWith(Pop3Reply.ok("mxlab POP3 signing off"));
    }
  }

  public boolean tlsAvailable() {
    return env.tls() != null;
  }

  public boolean tlsActive() {
    return conn.tlsActive();
  }

  public void startTls() {
    state = Pop3State.TLS_HANDSHAKE;
    conn.startTls(env.tls().context(), Pop3Reply.BEGIN_TLS);
  }

  // ------------------------------------------------------------------ facts

  public Pop3State state() {
    return state;
  }

  public Site site() {
    return site;
  }

  /** The maildrop in TRANSACTION, else null. */
  public SessionMaildrop maildrop() {
    return maildrop;
  }

  private Limits limits() {
    return site.spec().server().limits();
  }

  static String md5Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
