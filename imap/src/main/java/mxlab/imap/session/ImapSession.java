package mxlab.imap.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mxlab.core.auth.accounts.Credentials;
import mxlab.core.auth.sasl.Mechanisms;
import mxlab.core.auth.sasl.SaslExchange;
import mxlab.core.auth.sasl.SaslSteps;
import mxlab.core.log.MailLog;
import mxlab.core.site.Site;
import mxlab.core.spec.Limits;
import mxlab.core.text.Printable;
import mxlab.imap.command.ImapCommands;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.CommandAssembler;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.RawCommand;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Folder;
import mxlab.store.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection, independent of its transport: the state of RFC 3501 3, the logged-in
 * mailbox, the selected folder's view, and the pauses of failed logins. Every method runs on the
 * session's own thread (see {@link ImapConnection#execute}).
 */
public final class ImapSession {
  private static final Logger log = LoggerFactory.getLogger(ImapSession.class);
  private static final MailLog maillog = MailLog.get();

  /** RFC 7162 3.1. */
  public static final String CONDSTORE = "CONDSTORE";

  /** RFC 6855 3. */
  public static final String UTF8_ACCEPT = "UTF8=ACCEPT";

  /** What ENABLE can turn on (RFC 5161). */
  public static final Set<String> ENABLEABLE = Set.of(CONDSTORE, UTF8_ACCEPT);

  /** A long response goes out in parts of this size. */
  static final int STREAM_PART = 256 * 1024;

  private final ImapConnection connection;
  private final ImapEnvironment env;
  private final Site site;
  private final ImapCommands commands;
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private final Set<String> enabled = new HashSet<>();

  private ImapState state = ImapState.NOT_AUTHENTICATED;
  private Mailbox mailbox;
  private SelectedFolder selected;
  private final AtomicBoolean woken = new AtomicBoolean();
  private long streaming; // octets queued by sendPart since the last part went out
  private SaslExchange sasl;
  private String saslTag;
  private String idleTag;
  private boolean paused;
  private String running;
  private byte[] taggedReply;
  private int errors;
  private int authFailures;

  public ImapSession(ImapConnection connection, ImapEnvironment env, ImapCommands commands) {
    this.connection = connection;
    this.env = env;
    this.site = env.site().get();
    this.commands = commands;
  }

  /** The greeting (RFC 3501 7.1.1), with the capabilities so clients need not ask. */
  public void open() {
    send(
        Response.untagged()
            .atom("OK [CAPABILITY " + String.join(" ", capabilities()) + "]")
            .atom("mxlab IMAP4rev1 ready")
            .line());
    connection.flush();
  }

  /** Runs one whole command as the {@link CommandAssembler} put it together. */
  public void command(RawCommand raw) {
    if (hold(() -> command(raw))) {
      return;
    }
    try {
      if (sasl != null) {
        saslResponse(firstLine(raw));
      } else if (idleTag != null) {
        idleDone(firstLine(raw));
      } else {
        dispatch(raw);
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "imap: session of {} failed: {}",
          connection.client().getHostAddress(),
          Printable.escape(e),
          e);
      bye("Internal error");
    }
    connection.flush();
    streaming = 0;
  }

  /** A synchronizing literal was accepted (RFC 3501 7.5). */
  public void goAhead() {
    if (hold(this::goAhead)) {
      return;
    }
    send("+ go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
    connection.flush();
  }

  /** The assembler dropped a command that was too long or carried too big a literal. */
  public void dropped(String tag, CommandAssembler.Reason reason) {
    if (hold(() -> dropped(tag, reason))) {
      return;
    }
    if (sasl != null) {
      String t = saslTag; // a response line too long for any SASL exchange we offer
      sasl = null;
      saslTag = null;
      bad(t, "Authentication response too long");
    } else if (reason == CommandAssembler.Reason.LITERAL_TOO_BIG) {
      tagged(tag, "NO [TOOBIG] Literal too big"); // RFC 7889
    } else if (reason == CommandAssembler.Reason.NON_SYNC_LITERAL_TOO_BIG) {
      // RFC 7888 4: BAD, and the server may close rather than read what was announced (up to
      // 4 GiB); Dovecot closes too
      tagged(tag, "BAD [TOOBIG] Literal too big");
      bye("Literal too big");
    } else {
      tagged(tag, "BAD Command line too long");
    }
    connection.flush();
  }

  /**
   * The autologout timer ran out (RFC 3501 5.4: at least 30 minutes), or before a login the shorter
   * preauth_timeout (Dovecot's imap-login words it the same).
   */
  public void idleTimeout(boolean beforeLogin) {
    bye(beforeLogin ? "Disconnected for inactivity" : "Autologout; idle for too long");
    connection.flush();
  }

  /** The connection is gone: stop listening to the folder. */
  public void closed() {
    stopListening();
    state = ImapState.LOGOUT;
  }

  private static String firstLine(RawCommand raw) {
    return ((RawCommand.Text) raw.parts().get(0)).text();
  }

  private void dispatch(RawCommand raw) throws IOException {
    Arguments args = new Arguments(raw);
    String tag;
    try {
      tag = args.tag();
    } catch (ImapSyntaxException e) {
      bad("*", "Missing tag");
      return;
    }
    String name;
    try {
      args.space();
      name = args.atom().toUpperCase(Locale.ROOT);
      if (name.equals("UID")) {
        args.space();
        name = "UID " + args.atom().toUpperCase(Locale.ROOT);
      }
    } catch (ImapSyntaxException e) {
      bad(tag, "Missing command");
      return;
    }
    running = tag;
    try {
      if (state == ImapState.SELECTED) {
        report(false); // what changed since the last command, before this one looks
      }
      commands.run(this, tag, name, args);
      if (state == ImapState.SELECTED && idleTag == null) {
        // RFC 3501 7.4.1: no EXPUNGE while responding to FETCH, STORE or SEARCH (nor UID forms)
        report(!ImapCommands.forbidsExpunge(name));
      }
    } finally {
      running = null;
      releaseTagged();
    }
  }

  /** The tagged response of a command comes after every untagged one it caused (RFC 3501 2.2.2). */
  private void releaseTagged() {
    if (taggedReply != null) {
      byte[] r = taggedReply;
      taggedReply = null;
      send(r);
    }
  }

  // ------------------------------------------------------------------ responses

  public void send(byte[] octets) {
    connection.send(octets);
  }

  /**
   * Queues one of many responses to a command (FETCH 1:* of a large folder): every {@link
   * #STREAM_PART} octets they go out, at the pace the client reads them.
   */
  public void sendPart(byte[] octets) {
    send(octets);
    streaming += octets.length;
    if (streaming >= STREAM_PART) {
      streaming = 0;
      connection.stream();
    }
  }

  public void untagged(String text) {
    send(Response.untagged().atom(text).line());
  }

  /** A tagged response; a run of BADs ends the session (the client does not speak IMAP). */
  public void tagged(String tag, String text) {
    byte[] line = new Response().raw(tag).atom(text).line();
    if (tag.equals(running)) {
      taggedReply = line;
    } else {
      send(line);
    }
    if (text.startsWith("BAD")) {
      if (++errors >= limits().maxErrors() && state != ImapState.LOGOUT) {
        releaseTagged();
        bye("Too many errors");
      }
    } else {
      errors = 0;
    }
  }

  public void ok(String tag, String text) {
    tagged(tag, "OK " + text);
  }

  public void no(String tag, String text) {
    tagged(tag, "NO " + text);
  }

  public void bad(String tag, String text) {
    tagged(tag, "BAD " + text);
  }

  public void flush() {
    connection.flush();
  }

  /** "* BYE", then the connection closes (RFC 3501 7.1.5). */
  public void bye(String text) {
    untagged("BYE " + text);
    logout();
  }

  public void logout() {
    releaseTagged();
    state = ImapState.LOGOUT;
    stopListening();
    selected = null;
    connection.flush();
    connection.close();
  }

  // ------------------------------------------------------------------ capabilities, TLS

  /** What this connection can do now (RFC 3501 7.2.1). */
  public List<String> capabilities() {
    List<String> caps =
        new ArrayList<>(List.of("IMAP4rev1", "LITERAL+", "SASL-IR", "ID", "ENABLE"));
    caps.addAll(
        List.of(
            "IDLE",
            "NAMESPACE",
            "UIDPLUS",
            "MOVE",
            "UNSELECT",
            "CHILDREN",
            "SPECIAL-USE",
            "LIST-EXTENDED",
            "LIST-STATUS",
            CONDSTORE,
            "ESEARCH",
            "SEARCHRES",
            UTF8_ACCEPT,
            "BINARY"));
    if (state == ImapState.NOT_AUTHENTICATED) {
      if (env.tls() && !connection.secure()) {
        caps.add("STARTTLS");
      }
      if (plaintextAllowed()) {
        Mechanisms.offered(site.credentials()).forEach(m -> caps.add("AUTH=" + m));
      } else {
        caps.add("LOGINDISABLED");
      }
    }
    return caps;
  }

  public boolean plaintextAllowed() {
    return connection.secure() || site.spec().server().allowPlaintextAuth();
  }

  public boolean tlsAvailable() {
    return env.tls() && !connection.secure();
  }

  /** The tagged OK is sent: the transport takes over for the handshake (RFC 3501 6.2.1). */
  public void startTls(String tag) {
    releaseTagged();
    connection.flush();
    connection.startTls(new Response().raw(tag).atom("OK Begin TLS negotiation now").line());
  }

  // ------------------------------------------------------------------ login

  public void login(String tag, String login, String password) throws IOException {
    var account = site.credentials().authenticate(login, password);
    if (account.isPresent()) {
      loggedIn(tag, account.get());
    } else {
      loginFailed(tag, login);
    }
  }

  public void beginSasl(String tag, SaslExchange exchange, byte[] initialResponse)
      throws IOException {
    sasl = exchange;
    saslTag = tag;
    saslOutcome(SaslSteps.start(exchange, initialResponse, site.credentials()));
  }

  private void saslResponse(String line) throws IOException {
    saslOutcome(SaslSteps.respond(sasl, line, site.credentials()));
  }

  private void saslOutcome(SaslSteps.Outcome outcome) throws IOException {
    if (outcome instanceof SaslSteps.Challenge c) {
      send(("+ " + c.base64() + "\r\n").getBytes(StandardCharsets.US_ASCII));
      return;
    }
    String tag = saslTag;
    sasl = null;
    saslTag = null;
    if (outcome instanceof SaslSteps.Success s) {
      loggedIn(tag, s.account());
    } else if (outcome instanceof SaslSteps.Failure f) {
      loginFailed(tag, f.login());
    } else if (outcome instanceof SaslSteps.Cancelled) {
      bad(tag, "Authentication cancelled"); // RFC 3501 6.2.2
    } else {
      bad(tag, "Invalid base64 in the response");
    }
  }

  private void loggedIn(String tag, Credentials.Account a) throws IOException {
    env.throttle().succeeded(connection.client());
    mailbox = env.store().mailbox(a.mailbox().domain(), a.mailbox().user());
    mailbox.ensureSpecialUse(); // RFC 6154: where clients put sent mail, drafts, trash, junk
    state = ImapState.AUTHENTICATED;
    connection.loggedIn();
    maillog.info(
        "imap: client=[{}] user={} login=ok",
        Printable.escapeAll(connection.client().getHostAddress(), a.mailbox()));
    ok(tag, "[CAPABILITY " + String.join(" ", capabilities()) + "] Logged in");
  }

  /** Answered after the shared delay; commands that arrive meanwhile wait (RFC 3501 6.2.3). */
  private void loginFailed(String tag, String login) {
    authFailures++;
    Duration delay = env.throttle().failed(connection.client());
    boolean last = authFailures >= limits().authFailures();
    maillog.info(
        "imap: client=[{}] user={} login=failed delay={}ms",
        Printable.escapeAll(connection.client().getHostAddress(), login, delay.toMillis()));
    connection.flush();
    paused = true;
    env.timer()
        .schedule(
            () ->
                connection.execute(
                    () -> {
                      if (state == ImapState.LOGOUT) {
                        return; // the client left meanwhile
                      }
                      no(tag, "[AUTHENTICATIONFAILED] Authentication failed");
                      if (last) {
                        bye("Too many failed logins");
                      }
                      connection.flush();
                      resume();
                    }),
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private boolean hold(Runnable r) {
    if (paused || !held.isEmpty()) {
      held.add(r);
      return true;
    }
    return state == ImapState.LOGOUT;
  }

  private void resume() {
    paused = false;
    while (!paused && !held.isEmpty() && state != ImapState.LOGOUT) {
      held.poll().run();
    }
    if (state == ImapState.LOGOUT) {
      held.clear();
    }
  }

  // ------------------------------------------------------------------ the selected folder

  public ImapState state() {
    return state;
  }

  public Site site() {
    return site;
  }

  public ImapEnvironment environment() {
    return env;
  }

  /** The logged-in user's mailbox; null before login. */
  public Mailbox mailbox() {
    return mailbox;
  }

  /** The selected folder's view; null unless SELECTED. */
  public SelectedFolder selected() {
    return selected;
  }

  /** SELECT/EXAMINE: a new view, told of every change to the folder from now on. */
  public SelectedFolder select(Folder folder, boolean readOnly) throws IOException {
    unselect();
    selected = SelectedFolder.open(folder, readOnly, this::heard);
    if (condstore()) {
      selected.reportModSeqs();
    }
    state = ImapState.SELECTED;
    return selected;
  }

  /**
   * Turns an extension on for the rest of the session (ENABLE, RFC 5161; a CONDSTORE enabling
   * command, RFC 7162 3.1); true if it was off.
   */
  public boolean enable(String extension) {
    if (!ENABLEABLE.contains(extension)) {
      throw new IllegalArgumentException(extension + " cannot be enabled");
    }
    boolean now = enabled.add(extension);
    if (now && extension.equals(CONDSTORE) && selected != null) {
      selected.reportModSeqs();
    }
    return now;
  }

  /**
   * Whether UTF8=ACCEPT is on: mailbox names are UTF-8 both ways, and APPEND takes UTF8 (RFC 6855
   * 3, 4).
   */
  public boolean utf8Accept() {
    return enabled.contains(UTF8_ACCEPT);
  }

  /** Whether CONDSTORE is on: FETCH responses with flags carry MODSEQ (RFC 7162 3.1.4). */
  public boolean condstore() {
    return enabled.contains(CONDSTORE);
  }

  /** CLOSE, UNSELECT, or a failed SELECT: back to AUTHENTICATED. */
  public void unselect() {
    stopListening();
    selected = null;
    if (state == ImapState.SELECTED) {
      state = ImapState.AUTHENTICATED;
    }
  }

  private void stopListening() {
    if (selected != null) {
      selected.close();
    }
  }

  /**
   * The selected folder changed (called on the changing thread): the session looks when it may,
   * once however many changes came meanwhile. A change of this session's own (APPEND, COPY into the
   * selected folder) was noted before the command ends, so its report tells the client (RFC 3501
   * 6.3.11: EXISTS), not the next command's.
   */
  private void heard() {
    if (!woken.getAndSet(true)) {
      connection.execute(this::folderChanged);
    }
  }

  private void folderChanged() {
    woken.set(false);
    if (idleTag != null && selected != null) {
      try {
        report(true); // RFC 2177: while idling, changes are pushed as they come
      } catch (IOException e) {
        log.warn("imap: cannot read {}: {}", selected.folder(), Printable.escape(e));
      }
      connection.flush();
    }
  }

  /**
   * Tells the client what changed in the selected folder since it last heard: new messages
   * (EXISTS), flag changes (FETCH) and, where allowed, expunged ones (EXPUNGE).
   */
  public void report(boolean expunges) throws IOException {
    report(expunges, false);
  }

  private void report(boolean expunges, boolean look) throws IOException {
    if (selected == null) {
      return;
    }
    for (byte[] line : selected.refresh(expunges, look)) {
      send(line);
    }
  }

  /** NOOP, CHECK, IDLE: look at the disk too (a delivery or another server may have changed it). */
  public void poll() throws IOException {
    report(true, true);
  }

  // ------------------------------------------------------------------ IDLE (RFC 2177)

  public void idle(String tag) throws IOException {
    poll();
    idleTag = tag;
    send("+ idling\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private void idleDone(String line) throws IOException {
    String tag = idleTag;
    idleTag = null;
    if (line.trim().equalsIgnoreCase("DONE")) {
      report(true);
      ok(tag, "IDLE terminated");
    } else {
      bad(tag, "Expected DONE");
    }
  }

  /** The limits of the site this session started with (a reload does not change them midway). */
  private Limits limits() {
    return site.spec().server().limits();
  }

  public boolean idling() {
    return idleTag != null;
  }
}
