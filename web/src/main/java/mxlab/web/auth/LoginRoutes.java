package mxlab.web.auth;

import static mxlab.web.text.Escape.markup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import mxlab.core.auth.accounts.Credentials;
import mxlab.core.log.MailLog;
import mxlab.core.text.Printable;
import mxlab.web.WebEnvironment;
import mxlab.web.auth.Sessions.Session;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;
import mxlab.web.http.Routes;

/**
 * Logging in and out. A failed login waits as long as the shared throttle says, the same one SMTP
 * AUTH, POP3 and IMAP use, so a guesser gains nothing by switching to the browser. The login form
 * is protected against CSRF by a token in a cookie and the form (double submit), every later form
 * by the session's own token; a cross-origin Origin header is refused everywhere.
 */
public final class LoginRoutes {
  private static final MailLog maillog = MailLog.get();
  private static final String LOGIN_COOKIE = "mxlab-login";

  /** Failed logins waiting out their delay at once; each holds one of the handler threads. */
  private static final int MAX_WAITING = 4;

  private final Semaphore waiting = new Semaphore(MAX_WAITING);
  private final WebEnvironment env;
  private final Sessions sessions;
  private final AdminToken adminToken;
  private final PlaintextLogins plaintext;

  public LoginRoutes(WebEnvironment env, Sessions sessions, AdminToken adminToken) {
    this.env = env;
    this.sessions = sessions;
    this.adminToken = adminToken;
    this.plaintext = new PlaintextLogins(env);
  }

  public void addTo(Routes routes) {
    routes.get("/login", this::form);
    routes.post("/login", this::login);
    routes.post("/logout", this::logout);
  }

  private void form(Request r) throws IOException {
    if (plaintext.refused(r)) {
      Optional<String> https = plaintext.httpsLogin(r);
      if (https.isPresent()) {
        r.redirect(https.get());
      } else {
        notOverHttp(r);
      }
      return;
    }
    form(r, 200, "");
  }

  /** No form to fill in: a password typed here would cross the network in the clear. */
  private static void notOverHttp(Request r) throws IOException {
    r.reply(
        403,
        "text/html; charset=utf-8",
        page(
            "<p class=\"error\" id=\"error\">Logins need HTTPS, and the https service is off."
                + " Turn it on (<code>--ports https=443</code>), or for a lab on one machine set"
                + " <code>allow_plaintext_auth: true</code> under <code>server:</code>.</p>"));
  }

  /** The frame both login pages share; {@code body} is already markup. */
  private static String page(String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in · mxlab"
        + "</title><link rel=\"stylesheet\" href=\"/static/lab.css\"></head><body><main>"
        + "<h1>mxlab lab</h1>"
        + body
        + "</main></body></html>\n";
  }

  private void form(Request r, int status, String error) throws IOException {
    String token = Sessions.random();
    r.responseHeader(
        "Set-Cookie",
        LOGIN_COOKIE
            + "="
            + token
            + "; Path=/login; HttpOnly; SameSite=Strict"
            + (r.secure() ? "; Secure" : ""));
    String body =
        (error.isEmpty() ? "" : "<p class=\"error\" id=\"error\">" + markup(error) + "</p>")
            + "<form method=\"post\" action=\"/login\" id=\"login\">"
            + "<input type=\"hidden\" name=\"csrf\" value=\""
            + token
            + "\"><label>Address or <code>admin</code> <input name=\"user\" id=\"user\""
            + " autocomplete=\"username\" required></label>"
            + "<label>Password <input type=\"password\" name=\"password\" id=\"password\""
            + " autocomplete=\"current-password\" required></label>"
            + "<button id=\"submit\">Log in</button></form>"
            + "<p class=\"hint\">Users log in with their mail address and password; the admin with"
            + " the token in <code>DATA_DIR/web/admin-token</code>.</p>";
    r.reply(status, "text/html; charset=utf-8", page(body));
  }

  private void login(Request r) throws IOException, HttpError {
    if (plaintext.refused(r)) {
      // the password is not read, let alone checked: it crossed the network in the clear
      throw HttpError.forbidden(
          "logins over plain HTTP are off (allow_plaintext_auth); log in over https://");
    }
    Csrf.sameOrigin(r);
    String sent = r.form("csrf").orElse("");
    String expected = r.cookie(LOGIN_COOKIE).orElse("");
    if (expected.isEmpty()
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      throw HttpError.forbidden("the login form expired or came from elsewhere; reload it");
    }
    String user = r.form("user").orElse("").strip();
    String password = r.form("password").orElse("");
    Optional<Principal> who = authenticate(user, password);
    if (who.isEmpty()) {
      Duration delay = env.throttle().failed(r.client());
      maillog.info(
          "web: client=[{}] user={} login=failed delay={}ms",
          r.client().getHostAddress(),
          Printable.escape(user),
          delay.toMillis());
      // a waiting answer holds a handler thread: only a few may wait, the rest are told to
      if (!waiting.tryAcquire()) {
        r.responseHeader("Retry-After", Long.toString(Math.max(1, delay.toSeconds())));
        form(r, 429, "Too many failed logins; wait a moment.");
        return;
      }
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        waiting.release();
      }
      form(r, 401, "Wrong address or password.");
      return;
    }
    env.throttle().succeeded(r.client());
    maillog.info(
        "web: client=[{}] user={} login=ok", r.client().getHostAddress(), who.get().name());
    // a new id at every login (session fixation): whatever session the browser had ends
    sessions.find(r).ifPresent(sessions::end);
    Session s = sessions.create(who.get(), r);
    r.responseHeader("Set-Cookie", Sessions.cookie(s, r.secure()));
    Principal p = who.get();
    r.redirect(p.admin() ? "/" : "/mailbox/" + p.mailbox().domain() + "/" + p.mailbox().user());
  }

  private Optional<Principal> authenticate(String user, String password) {
    if (user.equals("admin") && adminToken.matches(password)) {
      return Optional.of(Principal.ofAdmin());
    }
    Credentials credentials = env.site().get().credentials();
    return credentials.authenticate(user, password).map(a -> Principal.ofUser(a.mailbox()));
  }

  private void logout(Request r) throws IOException, HttpError {
    Optional<Session> s = sessions.find(r);
    if (s.isPresent()) {
      Csrf.check(r, s.get());
      sessions.end(s.get());
    }
    r.responseHeader("Set-Cookie", Sessions.cookie(null, r.secure()));
    if (r.secure()) {
      // the cookie of a login over HTTP, which the browser sends here too
      r.addResponseHeader("Set-Cookie", Sessions.cookie(null, false));
    }
    r.redirect("/login");
  }
}
