package mxlab.web.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mxlab.web.http.Request;

/**
 * Logged-in browsers: a random session id in a cookie (HttpOnly, SameSite=Strict, and Secure with
 * the __Host- prefix over HTTPS), a CSRF token per session that every form carries, an idle and an
 * absolute lifetime. Sessions live in memory: a restart logs everyone out, which a lab can bear.
 * One store serves both listeners of an instance: a login over HTTP (allow_plaintext_auth) holds
 * over HTTPS too, whose browsers send it along (a cookie does not tell schemes apart), but a login
 * over HTTPS never holds over HTTP, where its id would cross the network in the clear.
 */
public final class Sessions {
  public static final Duration IDLE = Duration.ofHours(1);
  public static final Duration LIFETIME = Duration.ofHours(8);
  private static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One session; {@code csrf} is the token its forms must send back; {@code overTls} whether it was
   * made over HTTPS.
   */
  public record Session(
      String id, Principal who, String csrf, boolean overTls, Instant created, Instant seen) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  public static String cookieName(boolean secure) {
    return secure ? "__Host-mxlab" : "mxlab";
  }

  /** A new session for {@code who}, logged in with request {@code r}. */
  public Session create(Principal who, Request r) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> expired(s, now));
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream()
            .min(java.util.Comparator.comparing(Session::seen))
            .ifPresent(s -> sessions.remove(s.id()));
      }
    }
    Session s = new Session(random(), who, random(), r.secure(), now, now);
    sessions.put(s.id(), s);
    return s;
  }

  /**
   * The live session the request's cookie names, its idle time reset: over HTTPS the __Host-
   * cookie's, else that of a login over HTTP; over HTTP only one made over HTTP.
   */
  public Optional<Session> find(Request r) {
    if (r.secure()) {
      Optional<Session> s = live(r.cookie(cookieName(true)));
      return s.isPresent() ? s : live(r.cookie(cookieName(false)));
    }
    return live(r.cookie(cookieName(false))).filter(s -> !s.overTls());
  }

  private Optional<Session> live(Optional<String> id) {
    Session s = id.map(sessions::get).orElse(null);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      sessions.remove(s.id());
      return Optional.empty();
    }
    Session seen = new Session(s.id(), s.who(), s.csrf(), s.overTls(), s.created(), now);
    sessions.put(s.id(), seen);
    return Optional.of(seen);
  }

  /** Whether {@code s} has not been ended (a live stream stops when its session is logged out). */
  public boolean isLive(Session s) {
    return sessions.containsKey(s.id());
  }

  public void end(Session s) {
    sessions.remove(s.id());
  }

  /** The Set-Cookie value that carries {@code s}, or clears the cookie when {@code s} is null. */
  public static String cookie(Session s, boolean secure) {
    String value = s == null ? "" : s.id();
    String attributes = "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    return cookieName(secure)
        + "="
        + value
        + attributes
        + (s == null ? "; Max-Age=0" : "; Max-Age=" + LIFETIME.toSeconds());
  }

  private static boolean expired(Session s, Instant now) {
    return now.isAfter(s.seen().plus(IDLE)) || now.isAfter(s.created().plus(LIFETIME));
  }

  static String random() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
