package mxlab.smtp.session;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import mxlab.core.address.MailAddress;
import mxlab.core.auth.accounts.Credentials;
import mxlab.core.auth.sasl.SaslExchange;
import mxlab.core.auth.sasl.SaslSteps;
import mxlab.core.log.MailLog;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueIds;
import mxlab.core.reply.SmtpReply;
import mxlab.core.routing.Mailbox;
import mxlab.core.site.Site;
import mxlab.core.spec.Limits;
import mxlab.core.store.SpoolWriter;
import mxlab.core.text.Printable;
import mxlab.net.Connection;
import mxlab.net.Line;
import mxlab.net.LineFraming;
import mxlab.net.Protocol;
import mxlab.smtp.command.CommandContext;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.command.SmtpState;
import mxlab.smtp.data.DataReceiver;
import mxlab.smtp.data.FieldStamp;
import mxlab.smtp.data.TraceHeaders;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.policy.PolicyContext;
import mxlab.smtp.policy.ReceivedMessage;
import mxlab.smtp.policy.RecipientRoute;
import mxlab.smtp.reply.Replies;
import mxlab.store.delivery.Filing;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection: its state, its transaction, and the line pump that feeds commands to the
 * {@link CommandRegistry} and message lines to the {@link DataReceiver}. Replies to pipelined
 * commands are collected and written together. Connection state (greeting, TLS, login) and
 * transaction state (MAIL, RCPT) are kept apart, so RSET clears exactly the transaction.
 */
public final class SmtpSession implements CommandContext, PolicyContext, Protocol<Line> {
  private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
  private static final MailLog maillog = MailLog.get();

  /** RFC 5321 4.5.3.1.4 and 4.5.3.1.6 (both counting CRLF); RFC 4954 4 for SASL lines. */
  private static final int COMMAND_LINE = 512;

  private static final int TEXT_LINE = 1000;
  private static final int SASL_LINE = 12288;

  private final Connection<Line> conn;
  private final SmtpEnvironment env;
  private final SmtpMode mode;
  private final Site site;
  private final CommandRegistry commands;
  private final Policy policy;
  private final InetAddress clientAddress;

  private String clientName;
  private SmtpState state = SmtpState.CONNECTED;
  private String helo;
  private boolean esmtp;
  private Credentials.Account account;
  private Transaction transaction;
  private boolean discardAll;
  private SmtpReply refusal;
  private int authFailures;
  private SaslExchange sasl;
  private Inbound inbound;

  /** A message being received after 354. */
  private record Inbound(String id, SpoolWriter spool, DataReceiver receiver) {}

  public SmtpSession(
      IoSession io, SmtpEnvironment env, SmtpMode mode, CommandRegistry commands, Policy policy) {
    // the limit is read at each line: it follows the state (DATA, SASL)
    this.conn = new Connection<>(io, new LineFraming(this::maxLine));
    this.env = env;
    this.mode = mode;
    this.site = env.site().get();
    this.commands = commands;
    this.policy = policy;
    this.clientAddress = conn.client();
    conn.deadline(limits().sessionTimeout());
    conn.closeAfterErrors(() -> limits().maxErrors(), Replies.TOO_MANY_ERRORS.wire());
    conn.handledBy(this);
  }

  public Connection<Line> connection() {
    return conn;
  }

  // ------------------------------------------------------------------ lifecycle

  /** Looks up the client's name if the access map needs it, then greets or refuses. */
  @Override
  public void opened() {
    Object refused = conn.refusedByLimiter();
    if (refused != null) {
      log.info(
          "smtp: refused {}: {}", Printable.escapeAll(clientAddress.getHostAddress(), refused));
      closeWith(Replies.TOO_MANY_CONNECTIONS);
      return;
    }
    if (site.access().needsClientHostName()) {
      CompletableFuture<String> name = env.clientNames().lookup(clientAddress);
      conn.pauseUntil(
          name,
          () -> {
            clientName = name.join();
            greetOrRefuse();
          });
      return;
    }
    greetOrRefuse();
  }

  /** The access map's Connect: check (RFC 5321 3.1: 220 or 554), then the greeting. */
  private void greetOrRefuse() {
    HookResult r = policy.connect(this);
    boolean refusedNow = r.refused() && r.reply().isPermanentError();
    if (r.refused()) {
      maillog.info(
          "client={} decision=rejected reply=\"{}\"", Printable.escapeAll(client(), r.reply()));
      // RFC 5321 3.1: after a 554 greeting, 503 to all but QUIT; a 4xx answers every command
      refusal = refusedNow ? Replies.BAD_SEQUENCE : r.reply();
    }
    discardAll = r.discard();
    conn.idle(limits().preauthTimeout(), limits().commandTimeout());
    reply(refusedNow ? r.reply() : SmtpReply.plain(220, site.hostname() + " ESMTP mxlab"));
  }

  private int maxLine() {
    return state == SmtpState.DATA ? TEXT_LINE : sasl != null ? SASL_LINE : COMMAND_LINE;
  }

  /** One line: a command, a SASL response, or a line of the message after 354. */
  @Override
  public void received(Line line) throws IOException {
    conn.proven(); // a client that talks gets the full command_timeout
    if (state == SmtpState.DATA) {
      if (inbound.receiver().line(line)) {
        finishData();
      }
    } else if (line.tooLong()) {
      reply(Replies.LINE_TOO_LONG);
    } else if (sasl != null) {
      saslResponse(line.text());
    } else {
      commands.dispatch(this, line.text());
    }
  }

  @Override
  public void failed(Exception e) {
    // a full disk is one line; a bug keeps its stack trace
    if (e instanceof IOException) {
      log.warn("smtp: session with {} failed: {}", Printable.escape(client()), Printable.escape(e));
    } else {
      log.warn(
          "smtp: session with {} failed: {}", Printable.escape(client()), Printable.escape(e), e);
    }
    abortData();
    if (state != SmtpState.CLOSING) {
      closeWith(Replies.LOCAL_ERROR);
    }
  }

  /** The reader idle time or the session deadline ran out (RFC 5321 4.5.3.2). */
  @Override
  public void timedOut() {
    if (state != SmtpState.CLOSING) {
      log.info("smtp: {} timed out in {}", Printable.escapeAll(client(), state));
      abortData();
      closeWith(Replies.TIMEOUT);
    }
  }

  /** The connection is gone; a message not yet answered with 250 is dropped. */
  @Override
  public void closed() {
    abortData();
  }

  // ------------------------------------------------------------------ replies

  /** Queues a reply; counts errors in a row and closes after too many (RFC 5321 4.3.2). */
  @Override
  public void reply(SmtpReply reply) {
    conn.reply(
        reply.wire(),
        reply.isPermanentError()
            ? Connection.Verdict.FAILURE
            : reply.isPositive() ? Connection.Verdict.SUCCESS : Connection.Verdict.NEUTRAL);
  }

  /** Sends {@code reply} (221 or 421) and closes once it is out. */
  @Override
  public void closeWith(SmtpReply reply) {
    state = SmtpState.CLOSING;
    conn.closeWith(reply.wire());
  }

  /** What every command but QUIT is answered when the access map refused the client; or null. */
  @Override
  public SmtpReply refusal() {
    return refusal;
  }

  // ------------------------------------------------------------------ greeting

  @Override
  public void greet(String name, boolean extended) {
    helo = name;
    esmtp = extended;
    transaction = null; // RFC 5321 4.1.4: EHLO resets like RSET
    state = SmtpState.READY;
  }

  @Override
  public void reset() {
    transaction = null;
    if (state != SmtpState.CONNECTED) {
      state = SmtpState.READY;
    }
  }

  // ------------------------------------------------------------------ TLS

  @Override
  public boolean tlsAvailable() {
    return env.tls() != null;
  }

  @Override
  public boolean tlsActive() {
    return conn.tlsActive();
  }

  /** RFC 3207: answer 220 in the clear, drop whatever the client pipelined after STARTTLS. */
  @Override
  public void startTls() {
    state = SmtpState.TLS_HANDSHAKE;
    conn.startTls(env.tls().context(), Replies.TLS_READY.wire());
  }

  /** RFC 3207 4.2: forget everything learned before TLS; the client says EHLO again. */
  @Override
  public void secured() {
    helo = null;
    esmtp = false;
    transaction = null;
    account = null;
    state = SmtpState.CONNECTED;
  }

  // ------------------------------------------------------------------ AUTH

  /** AUTH is offered over TLS, or in the clear only where the spec allows it (labs). */
  @Override
  public boolean authAllowed() {
    return tlsActive() || site.spec().server().allowPlaintextAuth();
  }

  @Override
  public boolean authenticated() {
    return account != null;
  }

  /** Starts a SASL exchange, with the (decoded) initial response if the client sent one. */
  @Override
  public void beginSasl(SaslExchange exchange, byte[] initialResponse) {
    sasl = exchange;
    saslOutcome(SaslSteps.start(exchange, initialResponse, site.credentials()));
  }

  private void saslResponse(String text) {
    saslOutcome(SaslSteps.respond(sasl, text, site.credentials()));
  }

  private void saslOutcome(SaslSteps.Outcome outcome) {
    if (outcome instanceof SaslSteps.Challenge c) {
      reply(SmtpReply.plain(334, c.base64()));
      return;
    }
    sasl = null;
    if (outcome instanceof SaslSteps.Success success) {
      account = success.account();
      env.throttle().succeeded(clientAddress);
      maillog.info("client={} auth={} result=ok", Printable.escapeAll(client(), account.mailbox()));
      reply(Replies.AUTH_OK);
    } else if (outcome instanceof SaslSteps.Failure failure) {
      authFailed(failure.login());
    } else if (outcome instanceof SaslSteps.Cancelled) {
      reply(Replies.AUTH_CANCELLED);
    } else {
      reply(Replies.AUTH_BAD_BASE64);
    }
  }

  /** A failed login: answered only after a delay that grows with failures from that address. */
  private void authFailed(String login) {
    authFailures++;
    Duration delay = env.throttle().failed(clientAddress);
    boolean last = authFailures >= limits().authFailures();
    maillog.info(
        "client={} auth={} result=failed delay={}ms",
        Printable.escapeAll(client(), login, delay.toMillis()));
    conn.pauseFor(
        delay,
        env.timer(),
        () -> {
          reply(Replies.AUTH_FAILED);
          if (last) {
            closeWith(Replies.TOO_MANY_AUTH_FAILURES);
          }
        });
  }

  // ------------------------------------------------------------------ MAIL, RCPT

  @Override
  public void startTransaction(MailAddress sender, boolean eightBit, boolean utf8, boolean drop) {
    transaction = new Transaction(sender, eightBit, utf8, drop);
    state = SmtpState.MAIL;
  }

  @Override
  public void accept(MailAddress recipient, RecipientRoute route) {
    transaction.add(new Transaction.Accepted(recipient, route));
    state = SmtpState.RCPT;
  }

  @Override
  public HookResult checkSender(MailPath sender) {
    return policy.mail(this, sender);
  }

  @Override
  public HookResult checkRecipient(MailPath recipient) {
    return policy.rcpt(this, recipient);
  }

  @Override
  public boolean smtpUtf8() {
    return transaction.smtpUtf8();
  }

  // ------------------------------------------------------------------ DATA

  /** After DATA: a queue id, a spool file, and 354. */
  @Override
  public void beginData() throws IOException {
    String id = QueueIds.next();
    SpoolWriter spool = env.drop().newSpool(id);
    ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault());
    String received = TraceHeaders.received(traceSession(id), now);
    Transaction tx = transaction;
    DataReceiver receiver =
        new DataReceiver(
            spool,
            site.spec().server().maxMessageSize(),
            (hasMessageId, hasDate) -> {
              List<String> prefix = new ArrayList<>();
              prefix.add(TraceHeaders.returnPath(tx.senderText()));
              prefix.add(received);
              if (mode.isSubmission() && !hasMessageId) {
                prefix.add(TraceHeaders.messageId(id, site.hostname()));
              }
              if (mode.isSubmission() && !hasDate) {
                prefix.add(TraceHeaders.date(now));
              }
              return prefix;
            });
    inbound = new Inbound(id, spool, receiver);
    state = SmtpState.DATA;
    conn.idle(limits().dataTimeout());
    reply(Replies.START_DATA);
  }

  private TraceHeaders.Session traceSession(String id) {
    boolean tls = tlsActive();
    String protocol = !esmtp ? "SMTP" : "ESMTP" + (tls ? "S" : "") + (account != null ? "A" : "");
    List<Transaction.Accepted> rcpts = transaction.recipients();
    return new TraceHeaders.Session(
        helo,
        clientName,
        clientAddress.getHostAddress(),
        site.hostname(),
        protocol,
        conn.tlsDescription(),
        account == null ? null : account.mailbox().address(),
        id,
        rcpts.size() == 1 ? rcpts.get(0).address().toString() : null);
  }

  /** After the final dot: store durably, then answer; or refuse and store nothing. */
  private void finishData() throws IOException {
    Inbound in = inbound;
    inbound = null;
    Transaction tx = transaction;
    transaction = null;
    state = SmtpState.READY;
    conn.idle(limits().commandTimeout());
    DataReceiver.Outcome outcome = in.receiver().finish();
    if (outcome != DataReceiver.Outcome.OK) {
      in.spool().discard();
      SmtpReply refusal =
          switch (outcome) {
            case TOO_BIG -> Replies.SIZE_EXCEEDED;
            case BARE_NEWLINE -> Replies.BARE_NEWLINE;
            default -> Replies.DATA_LINE_TOO_LONG;
          };
      logMessage(in.id(), tx, in.receiver().size(), "rejected", refusal.toString());
      reply(refusal);
      return;
    }
    Set<Mailbox> mailboxes = new LinkedHashSet<>();
    Set<MailAddress> offsite = new LinkedHashSet<>();
    for (Transaction.Accepted a : tx.recipients()) {
      if (a.route() instanceof RecipientRoute.Local local) {
        mailboxes.addAll(local.mailboxes());
        offsite.addAll(local.offsite());
      } else if (a.route() instanceof RecipientRoute.Remote remote) {
        offsite.add(remote.address());
      }
    }
    if (discardAll || tx.discard() || (mailboxes.isEmpty() && offsite.isEmpty())) {
      in.spool().discard();
      logMessage(in.id(), tx, in.receiver().size(), "discarded", "access map DISCARD");
      reply(Replies.OK.withText("Ok: queued as " + in.id()));
      return;
    }
    SpoolWriter.Spooled spooled;
    HookResult verdict;
    if (policy.hasMessageHooks()) {
      spooled = in.spool().finishUnsynced();
      verdict = judgeMessage(in, tx, spooled);
      if (!verdict.refused() && !verdict.discard()) {
        try {
          spooled = stamp(in.id(), spooled, verdict);
        } catch (IOException e) {
          log.error("smtp: cannot store {} from {}: {}", Printable.escapeAll(in.id(), client(), e));
          verdict = HookResult.refuse(Replies.LOCAL_ERROR);
        }
      }
    } else {
      spooled = in.spool().finish();
      verdict = HookResult.ok();
    }
    if (verdict.refused()) {
      in.spool().discard();
      logMessage(
          in.id(),
          tx,
          spooled.size(),
          verdict.reply().isPermanentError() ? "rejected" : "deferred",
          verdict.reply().toString() + notes(verdict));
      reply(verdict.reply());
      return;
    }
    if (verdict.discard()) {
      in.spool().discard();
      logMessage(in.id(), tx, spooled.size(), "discarded", "message hook DISCARD");
      reply(Replies.OK.withText("Ok: queued as " + in.id()));
      return;
    }
    Envelope queued = offsite.isEmpty() ? null : envelope(in, tx, spooled, offsite);
    try {
      env.drop()
          .deliver(
              spooled, List.copyOf(mailboxes), queued, verdict.junk() ? Filing.JUNK : Filing.INBOX);
    } catch (IOException e) {
      log.error("smtp: cannot store {} from {}: {}", Printable.escapeAll(in.id(), client(), e));
      logMessage(in.id(), tx, spooled.size(), "deferred", "local error: " + e.getMessage());
      reply(Replies.LOCAL_ERROR);
      return;
    }
    logMessage(
        in.id(),
        tx,
        spooled.size(),
        "accepted",
        "mailboxes="
            + mailboxes.size()
            + (verdict.junk() && !mailboxes.isEmpty() ? " folder=Junk" : "")
            + " queued="
            + offsite.size()
            + notes(verdict));
    reply(Replies.OK.withText("Ok: queued as " + in.id()));
    if (queued != null) {
      env.queueWakeup().accept(queued.id());
    }
  }

  /**
   * The message hooks, between the final dot and the 250 (RFC 5321 4.1.1.4: the reply to the dot
   * decides whether we own the message); a hook that cannot read it, or fails, defers it.
   */
  private HookResult judgeMessage(Inbound in, Transaction tx, SpoolWriter.Spooled spooled) {
    ReceivedMessage received =
        new ReceivedMessage(
            in.id(),
            tx.sender(),
            tx.recipients().stream().map(Transaction.Accepted::address).toList(),
            spooled.file(),
            spooled.size());
    try {
      return policy.message(this, received);
    } catch (IOException e) {
      log.error("smtp: cannot check {} from {}: {}", Printable.escapeAll(in.id(), client(), e));
      return HookResult.refuse(Replies.LOCAL_ERROR);
    } catch (RuntimeException e) { // a bug in a hook: the message stays with the client, not here
      log.error("smtp: a message hook failed on {}: {}", Printable.escapeAll(in.id(), e), e);
      return HookResult.refuse(Replies.LOCAL_ERROR);
    }
  }

  /** The message hooks' maillog notes, each after a space. */
  private static String notes(HookResult verdict) {
    return verdict.notes().stream().map(n -> " " + n).collect(Collectors.joining());
  }

  /**
   * Makes the spool file durable before the 250, with the hooks' fields (last added on top) after
   * the Return-Path line; a message with no fields is only synced, one with fields is copied once.
   */
  private SpoolWriter.Spooled stamp(String id, SpoolWriter.Spooled spooled, HookResult verdict)
      throws IOException {
    if (verdict.fields().isEmpty() && verdict.removals().isEmpty()) {
      SpoolWriter.sync(spooled.file());
      return spooled;
    }
    return FieldStamp.onTop(
        spooled, verdict.fields(), verdict.removals(), env.drop().newSpool(id + ".stamped"));
  }

  private static Envelope envelope(
      Inbound in, Transaction tx, SpoolWriter.Spooled spooled, Set<MailAddress> offsite) {
    int skip = in.receiver().returnPathLength();
    Instant now = Instant.now();
    List<Envelope.Recipient> recipients =
        offsite.stream().map(a -> Envelope.Recipient.pending(a.toString())).toList();
    return new Envelope(
        in.id(),
        now,
        tx.senderText(),
        skip,
        spooled.crlfSize() - skip - 1,
        tx.eightBit(),
        tx.smtpUtf8(),
        0,
        now,
        null,
        false,
        recipients);
  }

  private void abortData() {
    if (inbound != null) {
      inbound.spool().discard();
      inbound = null;
    }
  }

  private void logMessage(String id, Transaction tx, long size, String decision, String detail) {
    maillog.info(
        "id={} client={} from=<{}> to={} size={} decision={} {}{}",
        Printable.escapeAll(
            id,
            client(),
            tx.senderText(),
            tx.recipients().stream()
                .map(a -> "<" + a.address() + ">")
                .collect(Collectors.joining(",")),
            size,
            decision,
            detail,
            account == null ? "" : " auth=" + account.mailbox()));
  }

  /** One line for a refused MAIL or RCPT, in the maillog format. */
  @Override
  public void logRefusal(String command, String argument, SmtpReply reply) {
    maillog.info(
        "client={} {}={} decision=rejected reply=\"{}\"",
        Printable.escapeAll(client(), command, argument, reply));
  }

  // ------------------------------------------------------------------ facts

  /** {@code name[address]} as Postfix logs clients. */
  private String client() {
    return (clientName == null ? "unknown" : clientName)
        + "["
        + clientAddress.getHostAddress()
        + "]";
  }

  private Limits limits() {
    return site.spec().server().limits();
  }

  @Override
  public SmtpState state() {
    return state;
  }

  @Override
  public Site site() {
    return site;
  }

  @Override
  public boolean submission() {
    return mode.isSubmission();
  }

  @Override
  public InetAddress clientAddress() {
    return clientAddress;
  }

  @Override
  public String clientName() {
    return clientName;
  }

  @Override
  public String helo() {
    return helo;
  }

  @Override
  public String authenticatedUser() {
    return account == null ? null : account.mailbox().address();
  }

  @Override
  public int recipientCount() {
    return transaction == null ? 0 : transaction.recipients().size();
  }
}
